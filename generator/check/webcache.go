package check

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// loadCache reads the answers saved by an earlier check. A missing or
// unreadable cache is an empty one: it only saves time.
func loadCache(file string) map[string]answer {
	out := map[string]answer{}
	if file == "" {
		return out
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return out
	}
	if json.Unmarshal(b, &out) != nil {
		return map[string]answer{}
	}
	return out
}

// saveCache writes the answers beside the file and renames them into
// place, so two checks running at once never leave half a file.
func saveCache(file string, answers map[string]answer) error {
	if file == "" {
		return nil
	}
	b, err := json.MarshalIndent(answers, "", "\t")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".links-*.json")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(b, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
