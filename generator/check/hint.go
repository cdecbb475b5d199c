package check

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// didYouMean finds the suggestion the build's messages end with.
var didYouMean = regexp.MustCompile(`\(did you mean ("[^"]*"|true|false)\?\)`)

// noAlt finds the image in the build's message about missing alt text.
var noAlt = regexp.MustCompile(`^image "([^"]*)" has no alt text`)

// hintRules advise on the build's own messages, which are written to say
// what is wrong; the first rule whose words all appear in a message wins.
// They are kept as a table so a new message needs one line here.
var hintRules = []struct {
	words []string
	hint  string
}{
	{[]string{"glossary.md#", "no heading"}, `add the term to the glossary (the term on one line, then ": " and its meaning), or link to a term it has`},
	{[]string{"the heading's ID is"}, `write the part after "#" exactly as the heading's ID, in the same capital and small letters`},
	{[]string{"no heading"}, `link to a heading the page has (its words in lower case joined by hyphens), or remove the "#" part`},
	{[]string{"no page"}, "correct the path (it is relative to this file's folder and ends in .md), or create the page"},
	{[]string{"no file"}, "put the file in the content folder, or correct the path"},
	{[]string{"has no destination"}, "put the page path or web address between the round brackets"},
	{[]string{"can run code"}, "link to a web address starting https:// instead, or remove the link"},
	{[]string{"outside the content folder"}, "link only to pages and files inside the content folder"},
	{[]string{"rename or remove one"}, "rename or remove one of the two files, and update the links to it"},
	{[]string{"skills: no skill page"}, "name each skill by its file name in the skills folder, without .md"},
	{[]string{"is written twice"}, "delete one of the two lines"},
	{[]string{"YYYY-MM-DD"}, "write the date as YYYY-MM-DD, for example 2026-11-25"},
	{[]string{"is not a date", "has no day"}, "correct the day: that month has fewer days"},
	{[]string{"is not a date", "there is no month"}, "write the date as YYYY-MM-DD, for example 2026-11-25"},
	{[]string{"true or false without quotes"}, "remove the quotes around true or false"},
	{[]string{"is not a key this handbook reads"}, "nothing to do if the page also serves another tool; otherwise delete the line"},
	{[]string{"unknown key"}, `correct the key's spelling, or delete the line (the message lists the keys allowed)`},
	{[]string{"not valid YAML"}, `check this line's "key: value" shape: indent with spaces, and put text with a colon in quotes`},
	{[]string{"usually closed", "out_of_hours"}, `move the event, and the story's dates that follow from it, to a working day; or, if it really happens that day, add a line such as out_of_hours: "booked online on a Sunday" under it`},
	{[]string{"must be"}, "change the value to the kind the message asks for"},
	{[]string{"UTF-"}, "save the file again as UTF-8 text"},
}

// hintFor gives advice for a message about file that came without any.
func hintFor(file, msg string) string {
	if m := didYouMean.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("use %s instead", m[1])
	}
	if m := noAlt.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("say what the picture shows between the square brackets: ![What it shows](%s)", m[1])
	}
	if path.Ext(file) == ".html" {
		return "correct the layout template at this line, or undo the last change to it"
	}
	for _, r := range hintRules {
		if containsAll(msg, r.words) {
			return r.hint
		}
	}
	return "change this as the message says, then run the check again"
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}
