package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// The word lists are the handbook's own vocabulary, so the generated prose
// exercises the same paths (typographer, escaping, word splitting for
// search) as the real pages do, without any quotes or dashes that the
// typographer would turn into entities and make heading anchors differ.
var (
	nouns = strings.Fields(`patient pathway referral clinic appointment letter list clock
		consultant coordinator ward team record system date week target breach tracker
		outcome diagnosis test result scan booking slot service trust manager colleague
		caller family carer message email form code status entry report meeting huddle
		rota escalation policy procedure standard rule validation episode specialty
		theatre surgeon nurse radiographer pharmacist receptionist secretary dictation
		template spreadsheet dashboard queue backlog capacity demand cancellation
		transfer discharge admission outpatient inpatient interpreter adjustment
		consent question answer reminder telephone voicemail portal inbox diary
		timetable session audit governance training course module assessment
		supervisor mentor apprentice learner handbook checklist note summary plan
		priority category decision review request response delay reason query
		identifier number address postcode practice surgery hospital site building`)
	verbs = strings.Fields(`checks books records updates tracks reviews confirms explains
		escalates files sends reads answers schedules reschedules cancels validates
		monitors reports closes opens flags prints shares compares measures counts
		follows prepares receives requests notes signs lists sorts chases arranges
		agrees offers supports guides protects improves plans supervises completes`)
	adjectives = strings.Fields(`clear careful accurate urgent routine new old first second
		final weekly daily monthly local national clinical administrative personal
		private open closed active paused valid invalid correct incorrect complete
		partial short long early late simple complex useful common rare careful calm
		helpful patient polite formal informal written spoken digital paper shared
		secure safe quick slow steady regular current previous next main extra`)
	adverbs = strings.Fields(`carefully quickly calmly clearly always usually often
		sometimes rarely promptly politely firmly gently accurately daily weekly`)
	preps = strings.Fields(`for with from about into onto under over after before
		during within without beside across through against towards`)
	dets = strings.Fields(`the the the a each every this that another one`)
)

// words draws from the lists with one generator per page, so pages can be
// made in any order and still come out the same.
type words struct {
	r *rand.Rand
}

func (w words) pick(list []string) string { return list[w.r.IntN(len(list))] }

// span returns a number in [lo, hi].
func (w words) span(lo, hi int) int { return lo + w.r.IntN(hi-lo+1) }

// phrase is a noun phrase, sometimes with an adjective or a mark-up.
func (w words) phrase(b *strings.Builder) {
	b.WriteString(w.pick(dets))
	b.WriteByte(' ')
	if w.r.IntN(2) == 0 {
		b.WriteString(w.pick(adjectives))
		b.WriteByte(' ')
	}
	n := w.pick(nouns)
	switch w.r.IntN(14) {
	case 0:
		b.WriteString("**" + n + "**")
	case 1:
		b.WriteString("*" + n + "*")
	case 2:
		b.WriteString("`" + n + "_" + w.pick(nouns) + "`")
	default:
		b.WriteString(n)
	}
}

// sentence writes one sentence of 8 to 20 words, ending with a full stop,
// and returns how many words it wrote.
func (w words) sentence(out *strings.Builder) int {
	var b strings.Builder
	w.clause(&b)
	b.WriteByte('.')
	return writeCapitalised(out, b.String())
}

func (w words) clause(b *strings.Builder) {
	switch w.r.IntN(6) {
	case 0:
		w.phrase(b)
		b.WriteString(" " + w.pick(verbs) + " ")
		w.phrase(b)
		b.WriteString(" " + w.pick(preps) + " ")
		w.phrase(b)
	case 1:
		b.WriteString(w.pick(adverbs) + ", ")
		w.phrase(b)
		b.WriteString(" " + w.pick(verbs) + " ")
		w.phrase(b)
	case 2:
		w.phrase(b)
		b.WriteString(" " + w.pick(verbs) + " ")
		w.phrase(b)
		b.WriteString(", and ")
		w.phrase(b)
		b.WriteString(" " + w.pick(verbs) + " ")
		w.phrase(b)
	case 3:
		b.WriteString("when ")
		w.phrase(b)
		b.WriteString(" is " + w.pick(adjectives) + ", ")
		w.phrase(b)
		b.WriteString(" " + w.pick(verbs) + " ")
		w.phrase(b)
		b.WriteString(" " + w.pick(adverbs))
	case 4:
		b.WriteString("the " + w.pick(nouns) + " " + w.pick(verbs) + " ")
		w.phrase(b)
		b.WriteString(" " + w.pick(preps) + " ")
		w.phrase(b)
		b.WriteString(" within " + strconv.Itoa(w.span(2, 62)) + " days")
	default:
		w.phrase(b)
		b.WriteString(" " + w.pick(adverbs) + " " + w.pick(verbs) + " ")
		w.phrase(b)
	}
}

// paragraph writes sentences until it has about n words, then a blank line.
// Each of links is worked into the paragraph as its own sentence.
func (w words) paragraph(b *strings.Builder, n int, links []string) {
	for count := 0; count < n; {
		if count > 0 {
			b.WriteByte(' ')
		}
		if len(links) > 0 && w.r.IntN(3) == 0 {
			count += w.linkSentence(b, links[0])
			links = links[1:]
			continue
		}
		count += w.sentence(b)
	}
	for _, l := range links {
		b.WriteByte(' ')
		w.linkSentence(b, l)
	}
	b.WriteString("\n\n")
}

func (w words) linkSentence(out *strings.Builder, link string) int {
	var b strings.Builder
	switch w.r.IntN(3) {
	case 0:
		b.WriteString("see " + link + " for the " + w.pick(adjectives) + " " + w.pick(nouns) + ".")
	case 1:
		w.phrase(&b)
		b.WriteString(" is covered in " + link + ".")
	default:
		b.WriteString("read " + link + " before you " + strings.TrimSuffix(w.pick(verbs), "s") + " ")
		w.phrase(&b)
		b.WriteByte('.')
	}
	return writeCapitalised(out, b.String())
}

// title is a capitalised run of lo to hi words, with no punctuation, so its
// anchor is simply its words joined by hyphens.
func (w words) title(lo, hi int) string {
	n := w.span(lo, hi)
	parts := make([]string, n)
	for i := range parts {
		switch {
		case i == n-1:
			parts[i] = w.pick(nouns)
		case i%2 == 0:
			parts[i] = w.pick(adjectives)
		default:
			parts[i] = w.pick(nouns)
		}
	}
	if w.r.IntN(5) == 0 {
		parts = append(parts, strconv.Itoa(w.span(1, 99)))
	}
	s := strings.Join(parts, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// writeCapitalised writes s with its first letter in upper case and
// returns its number of words.
func writeCapitalised(b *strings.Builder, s string) int {
	i := strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' })
	if i >= 0 && s[i] >= 'a' && s[i] <= 'z' {
		b.WriteString(s[:i])
		b.WriteByte(s[i] - 'a' + 'A')
		s = s[i+1:]
	}
	b.WriteString(s)
	return strings.Count(s, " ") + 1
}
