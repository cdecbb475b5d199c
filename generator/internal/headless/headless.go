// Package headless starts Debian's Chromium as the browser tests and the
// bench all want it: headless, without a sandbox (CI runs as root) or a
// GPU, and kept from reaching for a network this machine does not have.
package headless

import (
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Find returns the path of a Chromium on PATH, or "" when there is none.
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Options are the allocator options for the Chromium at exe with its
// profile in the folder profile, followed by extra.
func Options(exe, profile string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	return append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		// The machine has no network: stop Chromium reaching for one.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	}, extra...)
}
