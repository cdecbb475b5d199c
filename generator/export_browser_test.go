package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// needScormAgain returns scorm-again's SCORM 1.2 API script: the LMS side
// these tests run the package against. .ci/run installs it with npm into
// the folder below; SCORM_AGAIN names another copy of dist/scorm12.min.js.
// Like Chromium, it skips only outside CI.
func needScormAgain(t *testing.T) []byte {
	t.Helper()
	file := os.Getenv("SCORM_AGAIN")
	if file == "" {
		cache, err := os.UserCacheDir()
		if err == nil {
			file = filepath.Join(cache, "ppchandbook", "npm", "node_modules", "scorm-again", "dist", "scorm12.min.js")
		}
	}
	b, err := os.ReadFile(file)
	if err == nil {
		return b
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("scorm-again is not installed (%v); .ci/run installs it with npm", err)
	}
	t.Log(err)
	skipBrowserTest(t, "scorm-again is not installed (npm install --prefix ~/.cache/ppchandbook/npm scorm-again)")
	return nil
}

// lmsPage stands in for an LMS's player: it makes scorm-again's API,
// loads the learner's record from the address's #fragment, logs every call
// the package makes, and launches the package in a frame. page() is the
// handbook page inside the package's own frame.
const lmsPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>LMS</title>
<script src="/scorm-again.js"></script>
<script>
window.calls = [];
var record = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "null") || {};
window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
if (record.suspend_data) API.cmi.suspend_data = record.suspend_data;
if (record.lesson_location) API.cmi.core.lesson_location = record.lesson_location;
if (record.lesson_status) API.cmi.core.lesson_status = record.lesson_status;
if (record.mastery_score) API.cmi.student_data.mastery_score = record.mastery_score;
["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
  API.on(name, function () { calls.push([name]); });
});
API.on("LMSSetValue.cmi.*", function (element, value) { calls.push(["LMSSetValue", element, String(value)]); });
function sco() { return popup || document.getElementById("sco").contentWindow; }
function page() { return sco().document.getElementById("ppc-scorm-frame").contentWindow; }
function last(element) {
  for (var i = calls.length - 1; i >= 0; i--) if (calls[i][1] === element) return calls[i][2];
  return null;
}
function names() { return calls.map(function (c) { return c[1] ? c[0] + " " + c[1] : c[0]; }); }
</script></head>
<body><script>
// The package in a frame, or with {"popup": "1"} in a window of its own.
var launch = "/%s/scorm/launch.html", popup = null;
if (record.popup) document.write('<button id="open" onclick="popup = window.open(launch, \'sco\', \'width=1200,height=800\')">Open</button>');
else document.write('<iframe id="sco" src="' + launch + '" style="width:1200px;height:800px"></iframe>');
</script></body></html>
`

// serveLMS serves the LMS page at /lms/PKG.html and each package's files
// at /PKG/, as Moodle does: a file by its exact name, and no index.html for
// a folder's address.
func serveLMS(t *testing.T, api []byte, packages map[string]map[string][]byte) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/scorm-again.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(api)
	})
	for name, files := range packages {
		mux.HandleFunc("/lms/"+name+".html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, lmsPage, name)
		})
		mux.HandleFunc("/"+name+"/", func(w http.ResponseWriter, r *http.Request) {
			b, ok := files[strings.TrimPrefix(r.URL.Path, "/"+name+"/")]
			if !ok {
				http.NotFound(w, r)
				return
			}
			http.ServeContent(w, r, r.URL.Path, time.Time{}, strings.NewReader(string(b)))
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestBrowserSCORM runs exported packages in Chromium inside a page whose
// SCORM 1.2 API is scorm-again's, and checks what the LMS receives.
func TestBrowserSCORM(t *testing.T) {
	t.Parallel() // mostly Chromium's time: tests share the two cores
	api := needScormAgain(t)
	ctx := newBrowser(t)
	srv := serveLMS(t, api, map[string]map[string][]byte{
		"pkg":   exportFixture(t, "0"),
		"pkg50": exportFixture(t, "50"),
		"real":  exportContent(t, handbook.Content, "80"),
	})
	launches := 0
	lms := func(pkg string, record map[string]string) string {
		b, _ := json.Marshal(record)
		launches++ // a new address each time, so the LMS page loads afresh
		return fmt.Sprintf("%s/lms/%s.html?launch=%d#%s", srv.URL, pkg, launches, b)
	}
	do := func(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	js := chromedp.Evaluate[chromedp.Void]
	// at waits until the handbook page in the package's frame is file,
	// fully set up.
	at := func(file string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](`(function(){ try { var p = page(); return p.location.pathname.endsWith("/`+file+`") &&
			p.document.readyState === "complete" && !!p.document.querySelector("h1"); } catch (e) { return false; } })()`,
			chromedp.WithPollingTimeout(10*time.Second))
	}
	// wait waits for a JavaScript condition in the LMS page.
	wait := func(cond string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second))
	}
	last := func(t *testing.T, element string) string {
		t.Helper()
		return value(t, ctx, chromedp.Evaluate[string](`String(last("`+element+`"))`))
	}
	markRead := `page().document.querySelector(".mark-read").click()`
	var saved map[string]string // the record the first session leaves

	t.Run("first launch, links and leaving", func(t *testing.T) {
		do(t, chromedp.Navigate(lms("pkg", nil)), at("pkg/index.html"),
			wait(`last("cmi.core.lesson_location") === "index.html"`))
		if got := last(t, "cmi.core.lesson_status"); got != "incomplete" {
			t.Errorf("lesson_status %q at start; want incomplete", got)
		}
		first := value(t, ctx, chromedp.Evaluate[string](`calls[0][0]`))
		if first != "LMSInitialize" {
			t.Errorf("first call %q; want LMSInitialize", first)
		}
		// handbook.js shortens links to folders on a web server; the
		// adapter puts index.html back, which this server needs.
		href := value(t, ctx, chromedp.Evaluate[string](`page().document.querySelector(".prose a").getAttribute("href")`))
		if href != "skills/index.html" {
			t.Errorf("link in the page is %q; want skills/index.html", href)
		}
		do(t, js(`page().document.querySelector(".prose a").click()`), at("pkg/skills/index.html"),
			wait(`last("cmi.core.lesson_location") === "skills/index.html"`),
			js(markRead),
			wait(`(last("cmi.suspend_data") || "").split(".")[1] === "C"`), // the second page's bit
			wait(`names().slice(-1)[0] === "LMSCommit"`))
		// Leaving: the LMS closes the package's frame.
		do(t, js(`document.getElementById("sco").remove()`), wait(`names().indexOf("LMSFinish") >= 0`))
		if got := last(t, "cmi.core.exit"); got != "suspend" {
			t.Errorf("exit %q; want suspend, so the LMS keeps the progress", got)
		}
		if got := last(t, "cmi.core.session_time"); !regexp.MustCompile(`^\d{4}:\d{2}:\d{2}\.\d{2}$`).MatchString(got) {
			t.Errorf("session_time %q; want HHHH:MM:SS.SS", got)
		}
		tail := value(t, ctx, chromedp.Evaluate[string](`names().slice(-2).join(", ")`))
		if tail != "LMSCommit, LMSFinish" {
			t.Errorf("last calls %s; want LMSCommit, LMSFinish", tail)
		}
		saved = map[string]string{
			"suspend_data":    last(t, "cmi.suspend_data"),
			"lesson_location": last(t, "cmi.core.lesson_location"),
			"lesson_status":   last(t, "cmi.core.lesson_status"),
		}
	})

	t.Run("resume from suspend data", func(t *testing.T) {
		if saved == nil {
			t.Skip("needs the first launch's record")
		}
		// The browser still holds the first session's progress; the LMS's
		// record must win, so clear it to prove it is restored from there.
		do(t, chromedp.Navigate(srv.URL+"/pkg/index.html"), js(`localStorage.clear()`))
		do(t, chromedp.Navigate(lms("pkg", saved)), at("pkg/skills/index.html"))
		pressed := value(t, ctx, chromedp.Evaluate[string](`page().document.querySelector(".mark-read").getAttribute("aria-pressed")`))
		ticks := value(t, ctx, chromedp.Evaluate[int](`page().document.querySelectorAll(".sidebar .read-tick").length`))
		if pressed != "true" || ticks != 1 {
			t.Errorf("after resuming: mark-read pressed %q, %d ticks in the contents; want true, 1", pressed, ticks)
		}
		// The progress page counts the restored page, with its date, and
		// says that the learning system keeps the progress.
		do(t, js(`page().location.href = "/pkg/progress/index.html"`), at("pkg/progress/index.html"))
		text := value(t, ctx, chromedp.Evaluate[string](`page().document.querySelector("main").innerText`))
		today := time.Now().UTC().Format("2006-01-02")
		for _, want := range []string{"You have read 1 of 4 pages.", "Read " + today, "Your learning system keeps your progress too"} {
			if !strings.Contains(text, want) {
				t.Errorf("progress page lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "Nothing is sent anywhere") {
			t.Errorf("progress page in the LMS still says nothing is sent anywhere:\n%s", text)
		}
	})

	t.Run("completed when every page is read", func(t *testing.T) {
		do(t, chromedp.Navigate(lms("pkg", saved)), at("pkg/skills/index.html"))
		for _, file := range []string{"index.html", "skills/listening/index.html", "whole-handbook/index.html"} {
			if got := last(t, "cmi.core.lesson_status"); got != "incomplete" {
				t.Fatalf("lesson_status %q before %s is read; want incomplete", got, file)
			}
			do(t, js(`page().location.href = "/pkg/`+file+`"`), at("pkg/"+file),
				js(markRead))
		}
		// A ticked self-check box is kept too.
		do(t, js(`page().location.href = "/pkg/skills/listening/index.html"`), at("pkg/skills/listening/index.html"),
			js(`page().document.querySelector(".prose input[type=checkbox]").click()`),
			wait(`last("cmi.core.lesson_status") === "completed"`))
		data := last(t, "cmi.suspend_data")
		// The page's place (three characters), one tick, its six-character id.
		if f := strings.Split(data, "."); len(f) != 5 || len(f[3]) != 3+1+6 || f[3][3] != 'B' {
			t.Errorf("suspend_data %q; want one self-check item ticked in its fourth field", data)
		}
		// The score goes with the final status, mastery score or not: no
		// knowledge check was done here.
		if got := last(t, "cmi.core.score.raw"); got != "0" {
			t.Errorf("score.raw %q with no check done; want 0", got)
		}
	})

	answer := func(right bool) chromedp.Action[chromedp.Void] {
		return js(fmt.Sprintf(`(function () {
			var d = page().document;
			d.querySelectorAll("section.quiz input").forEach(function (i) { i.checked = %t === i.hasAttribute("data-right"); });
			d.querySelector(".quiz-check").click();
		})()`, right))
	}
	t.Run("passed and failed against the mastery score", func(t *testing.T) {
		do(t, chromedp.Navigate(lms("pkg50", nil)), at("pkg50/index.html"))
		do(t, js(`page().location.href = "/pkg50/skills/listening/index.html"`), at("pkg50/skills/listening/index.html"),
			wait(`!!page().document.querySelector(".quiz-check")`), answer(true))
		for _, file := range []string{"index.html", "skills/index.html", "skills/listening/index.html", "whole-handbook/index.html"} {
			do(t, js(`page().location.href = "/pkg50/`+file+`"`), at("pkg50/"+file),
				js(markRead))
		}
		do(t, wait(`last("cmi.core.lesson_status") === "passed"`))
		if got := last(t, "cmi.core.score.raw"); got != "100" {
			t.Errorf("score.raw %q with both questions right; want 100", got)
		}
		// The knowledge check again on the whole-handbook page, wrong this
		// time: it counts for the same check.
		do(t, wait(`!!page().document.querySelector(".quiz-check")`), answer(false),
			wait(`last("cmi.core.lesson_status") === "failed"`))
		if got := last(t, "cmi.core.score.raw"); got != "0" {
			t.Errorf("score.raw %q with both questions wrong; want 0", got)
		}
	})

	t.Run("search inside the frame", func(t *testing.T) {
		do(t, chromedp.Navigate(lms("pkg", nil)), at("pkg/index.html"),
			js(`(function () {
				var input = page().document.getElementById("search-input");
				input.focus();
				input.value = "caller";
				input.dispatchEvent(new Event("input", { bubbles: true }));
			})()`),
			wait(`page().document.querySelectorAll("#search-results [role=option]").length > 0`),
			js(`page().document.getElementById("search-input").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }))`),
			at("pkg/skills/listening/index.html"),
			wait(`last("cmi.core.lesson_location") === "skills/listening/index.html"`))
	})

	t.Run("folder address without the adapter", func(t *testing.T) {
		// 404.html has no adapter, so only the launch page can put the
		// index.html back on a folder address followed from it.
		do(t, chromedp.Navigate(lms("pkg", nil)), at("pkg/index.html"),
			js(`page().location.href = "/pkg/404.html"`),
			wait(`page().location.pathname === "/pkg/404.html" && page().document.readyState === "complete"`),
			js(`page().location.href = "/pkg/skills/"`),
			at("pkg/skills/index.html"))
	})

	t.Run("launched in a window of its own", func(t *testing.T) {
		// The API is found through the opener, as ADL's algorithm does
		// for an LMS that opens the SCO in a new window.
		do(t, chromedp.Navigate(lms("pkg", map[string]string{"popup": "1"})),
			chromedp.Click("#open"), // a click, so the browser allows the window
			wait(`last("cmi.core.lesson_location") === "index.html"`),
			js(`popup.close()`),
			wait(`names().slice(-1)[0] === "LMSFinish"`))
	})

	t.Run("no LMS", func(t *testing.T) {
		do(t, chromedp.Navigate(srv.URL+"/pkg/index.html"),
			js(`localStorage.setItem("ppc-handbook-progress", JSON.stringify({version: 1, read: {"skills/_index.md": "2026-01-02"}, checks: {}}))`),
			chromedp.Navigate(srv.URL+"/pkg/scorm/launch.html"),
			wait(`location.pathname === "/pkg/index.html" && document.readyState === "complete"`),
			js(`document.querySelector(".mark-read").click()`))
		progress := value(t, ctx, chromedp.Evaluate[string](`localStorage.getItem("ppc-handbook-progress")`))
		if !strings.Contains(progress, `"skills/_index.md":"2026-01-02"`) || !strings.Contains(progress, `"index.md"`) {
			t.Errorf("progress without an LMS: %s; want the earlier page kept and the home page added", progress)
		}
		href := value(t, ctx, chromedp.Evaluate[string](`document.querySelector(".prose a").getAttribute("href")`))
		if href != "skills/" {
			t.Errorf("without an LMS the link is %q; want the handbook's own skills/, untouched", href)
		}
	})

	t.Run("suspend data within 4,096 characters", func(t *testing.T) {
		do(t, chromedp.Navigate(lms("pkg", nil)), at("pkg/index.html"))
		// Courses far larger than the handbook: the dates go first, then
		// the self-check ticks, and what is kept decodes again.
		sizes := value(t, ctx, chromedp.Evaluate[[]int](`(function () {
			var s = sco().__ppcScorm, out = [];
			[[100, 6, 20], [1000, 6, 100], [10000, 6, 500], [20000, 0, 0]].forEach(function (size) {
				var course = { fp: "x", pages: [], quizzes: [] }, progress = { version: 1, read: {}, checks: {} }, quizzes = [];
				for (var i = 0; i < size[0]; i++) {
					course.pages.push(["p" + i + ".md", "p" + i + "/index.html", size[1]]);
					progress.read["p" + i + ".md"] = "2026-12-0" + (1 + i % 9);
					progress.checks["p" + i + ".md"] = [0, 2, 5].filter(function (n) { return n < size[1]; });
				}
				for (i = 0; i < size[2]; i++) { course.quizzes.push(5); quizzes.push(i % 6); }
				var data = s.encode(course, progress, quizzes, s.limit), back = s.decode(course, data);
				var ok = Object.keys(back.progress.read).length === size[0] && back.quizzes.join() === quizzes.join();
				out.push(ok ? data.length : -data.length);
			});
			return out;
		})()`))
		for i, n := range sizes {
			if n < 0 || n > 4096 {
				t.Errorf("course %d: suspend_data of %d characters (negative: did not decode); want at most 4096", i, n)
			}
		}
		t.Logf("suspend_data for 100, 1,000, 10,000 and 20,000 pages: %v characters", sizes)
		// The real handbook with every page read, every box ticked and
		// every knowledge check done.
		do(t, chromedp.Navigate(lms("real", nil)), at("real/index.html"))
		n := value(t, ctx, chromedp.Evaluate[int](`(function () {
			var s = sco().__ppcScorm, c = s.course, progress = { version: 1, read: {}, checks: {} }, quizzes = [];
			c.pages.forEach(function (p) {
				progress.read[p[0]] = "2026-12-03";
				progress.checks[p[0]] = [];
				for (var i = 0; i < p[2]; i++) progress.checks[p[0]].push(i);
			});
			c.quizzes.forEach(function (n) { quizzes.push(n); });
			return s.encode(c, progress, quizzes, s.limit).length;
		})()`))
		if n > 4096 {
			t.Errorf("the real handbook, all done: suspend_data of %d characters; want at most 4096", n)
		}
		t.Logf("the real handbook, all done: suspend_data of %d characters", n)
	})
}
