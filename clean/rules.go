package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules below describe boilerplate as it appears across news sites, not
// the strings of any one page: whole lines that are site chrome, phrases in
// the site's own voice ("your email", "our privacy policy"), widgets whose
// text comes in blocks (video players, sponsored links), runs of short
// unpunctuated lines (menus, category lists), and short unpunctuated lines
// around the article (taglines above the headline, archive links below the
// last paragraph). A rule that could match an article sentence is guarded
// by length and punctuation: a sentence never matches a whole-line phrase,
// and the position rules only take lines of a few words without sentence
// punctuation.

// Whole lines (compared case-insensitively, trailing ":" and "." ignored)
// by the reason that drops them.
var wholeLines = map[string]string{}

func init() {
	add := func(reason string, lines ...string) {
		for _, l := range lines {
			wholeLines[l] = reason
		}
	}
	add("chrome",
		"accessibility links", "skip to content", "skip to main content", "skip to navigation",
		"jump to navigation", "toggle navigation", "open menu", "close menu", "main menu", "menu",
		"breaking news", "search", "home", "close", "back to top", "go to top", "scroll to top",
		"share", "share this", "share this article", "share this story", "share this page",
		"share on facebook", "share on twitter", "share on whatsapp", "share via email",
		"tweet", "print", "print this page", "email", "copy link", "link copied",
		"advertisement", "advertisements", "advert", "ad", "sign in", "log in", "login",
		"register", "subscribe", "subscribe now", "continue reading", "listen to this article",
		"follow us", "follow us on twitter", "cookie settings", "manage cookies", "load more",
		"next article", "previous article", "next post", "previous post", "top stories",
		"latest news", "trending now", "comments", "show comments", "view comments")
	add("comment-form",
		"leave a reply", "leave a comment", "post a comment", "add a comment", "add comment",
		"post comment", "submit comment", "cancel reply", "comments are closed",
		"join the conversation", "write a comment")
	add("related",
		"you may also like", "you might also like", "you may be interested in", "related",
		"related articles", "related stories", "related posts", "related content", "related news",
		"related topics", "read more", "more stories", "more on this story", "more from this author",
		"most read", "most popular", "most viewed", "most shared", "recommended", "recommended for you",
		"recommended stories", "topics in this article", "topics", "tags", "trending",
		"also read", "see also", "editor's picks", "editors' picks", "don't miss", "popular posts",
		"latest posts", "recent posts", "what to read next", "read next", "up next")
	add("video-player",
		"please wait", "no media source currently available", "your browser does not support the video tag",
		"your browser does not support html5 video", "loading video", "video loading", "embed",
		"embed code", "share video", "the code has been copied to your clipboard",
		"the url has been copied to your clipboard", "play video", "video unavailable",
		"this video is unavailable", "replay", "autoplay", "watch video", "watch live")
	add("sponsored",
		"content from our partners", "from our partners", "more from our partners", "sponsored",
		"sponsored content", "sponsored stories", "partner content", "promoted content",
		"promoted stories", "paid content", "paid post", "advertisement feature",
		"around the web", "from around the web", "recommended by")
}

// Lines that start a boilerplate sentence; the rest of the line may be
// anything (the e-mail notice of a comment form goes on about required
// fields, a "see also" link names another article).
var (
	rxCommentForm = regexp.MustCompile(`(?i)^(your email address will not be published|required fields are marked|save my name,? email|you must be logged in to post|notify me of (new|follow-up) (comments|posts)|\d+ (comments?|responses?|replies)$)`)
	rxRelated     = regexp.MustCompile(`(?i)^\[?\s*(see also|read more|also read|read also|related|recommended|further reading|more on this|more from)\s*:`)
	rxPromo       = regexp.MustCompile(`(?i)^\[?\s*(watch|video|listen|audio|podcast|watch now|watch live|photos|gallery)\s*[:|]`)
	rxTimestamps  = regexp.MustCompile(`^(\d{1,2}:)?\d{1,2}:\d{2}([\s/|–-]+(\d{1,2}:)?\d{1,2}:\d{2})+$`)
	rxCopyright   = regexp.MustCompile(`(?i)^(©|\(c\)\s*\d{4}|copyright\b)|all rights reserved`)
	rxBullet      = regexp.MustCompile(`^([•·◦▪▫‣∙●○■□►▸–—*+-]|\d{1,3}[.)])\s+`)

	// Newsletter boxes talk to the reader about the reader's inbox. A
	// sentence that merely mentions a newsletter does neither.
	rxNewsTopic = regexp.MustCompile(`(?i)\b(e-?mail address|newsletters?|sign[ -]?up|subscribe|subscription|unsubscribe)\b`)
	rxNewsVoice = regexp.MustCompile(`(?i)\b(your (e-?mail|inbox|weekly|daily|morning|evening)|our (newsletters?|e-?mails?)|straight to your|delivered to your|you can unsubscribe|unsubscribe at any time)\b`)
	rxNewsOrder = regexp.MustCompile(`(?i)^(select|enter|sign up|subscribe|get|join|register|receive|want|never miss|stay informed|don't miss)\b`)
	rxPrivacy   = regexp.MustCompile(`(?i)\b(our (privacy|cookie) (policy|notice|statement)|we use cookies|(this|our) (web)?site uses cookies|by continuing to (use|browse)|manage your (cookie|privacy))`)
)

// reasonFor returns why the line on its own is boilerplate, or "".
func reasonFor(l *line) string {
	t := l.text
	key := normLine(t)
	if key == "" {
		return "separator"
	}
	if r, ok := wholeLines[key]; ok {
		return r
	}
	if rxCommentForm.MatchString(t) {
		return "comment-form"
	}
	if rxTimestamps.MatchString(t) {
		return "video-player"
	}
	if l.words <= 30 && rxPromo.MatchString(t) {
		return "video-player"
	}
	if l.words <= 30 && (rxRelated.MatchString(t) || isBracketedLink(t)) {
		return "related"
	}
	if rxPrivacy.MatchString(t) {
		return "privacy"
	}
	if rxNewsTopic.MatchString(t) && (rxNewsVoice.MatchString(t) || rxNewsOrder.MatchString(t)) {
		return "newsletter"
	}
	if l.words <= 15 && rxCopyright.MatchString(t) {
		return "copyright"
	}
	if isLinkRow(t) {
		return "link-row"
	}
	return ""
}

// normLine lower-cases a line for the whole-line table, dropping bullets
// and the punctuation a heading of a widget ends with. It returns "" when
// the line has no letter or digit at all.
func normLine(t string) string {
	if n := bulletLen(t); n > 0 && n < len(t) {
		t = t[n:]
	}
	t = strings.TrimRightFunc(t, func(r rune) bool {
		return r == ':' || r == '.' || r == '…' || r == '›' || r == '»' || r == '>' || r == '|' || isSpace(r)
	})
	hasAlnum := false
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			hasAlnum = true
			break
		}
	}
	if !hasAlnum {
		return ""
	}
	t = strings.ReplaceAll(t, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(t), " "))
}

// isBracketedLink matches "[See also: ...]"-style inline promotions: a
// whole line in square brackets whose first word ends with a colon.
func isBracketedLink(t string) bool {
	if !strings.HasPrefix(t, "[") || !strings.HasSuffix(t, "]") {
		return false
	}
	head, _, ok := strings.Cut(t[1:], ":")
	return ok && countWords(head) <= 3
}

// isLinkRow matches rows of links such as "2022 | 2021 | 2020" or
// "Home › World › Asia": three or more short items between separators.
func isLinkRow(t string) bool {
	for _, sep := range []string{"|", "›", "»", " > ", " · ", " • "} {
		parts := strings.Split(t, sep)
		if len(parts) < 3 {
			continue
		}
		ok := true
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if p == "" || countWords(p) > 4 || endsSentence(p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// bulletLen returns the length of a list marker ("• ", "- ", "1. ") at the
// start of t, or 0.
func bulletLen(t string) int {
	if m := rxBullet.FindStringIndex(t); m != nil {
		return m[1]
	}
	return 0
}

// endsSentence reports whether t ends like a sentence: ".", "!", "?", "…"
// or ":" possibly followed by closing quotes or brackets.
func endsSentence(t string) bool {
	t = strings.TrimRightFunc(t, func(r rune) bool {
		return strings.ContainsRune(`"'”’»)]`, r) || isSpace(r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ':' || r == ';'
}

// isProse reports whether a line reads as a paragraph of running text.
func isProse(l *line) bool {
	return (l.words >= 12 && endsSentence(l.text)) || l.words >= 25
}

// isShortUnpunctuated is the shape of menu items, taglines and link
// labels: a few words, no sentence end.
func isShortUnpunctuated(l *line, maxWords int) bool {
	return l.words <= maxWords && !endsSentence(l.text)
}

// applyRules marks every boilerplate line with the reason it is dropped and
// the metadata lines with their role.
func (d *textDoc) applyRules() {
	lines := d.lines
	for _, l := range lines {
		if l.blank() || l.drop != "" {
			continue
		}
		l.drop = reasonFor(l)
	}
	d.widgetBlocks()
	d.shortRuns()
	d.duplicates()
	d.metadata()
	d.header()
	d.footer()
}

// next returns the index of the next non-blank line after i that no rule
// dropped, or -1.
func (d *textDoc) next(i int) int {
	for j := i + 1; j < len(d.lines); j++ {
		if d.lines[j].kept() {
			return j
		}
	}
	return -1
}

// widgetBlocks drops the text that comes with a widget in the same block:
// the headlines under a "Content from our partners" heading, the title
// line above a video player's "please wait".
func (d *textDoc) widgetBlocks() {
	for i, l := range d.lines {
		if l.blank() {
			continue
		}
		switch {
		case l.drop == "sponsored" && wholeLines[normLine(l.text)] == "sponsored":
			for j := i + 1; j < len(d.lines); j++ {
				m := d.lines[j]
				if m.blank() || m.block != l.block || m.words > 25 || isProse(m) {
					break
				}
				m.drop = "sponsored"
			}
		case l.drop == "video-player" && wholeLines[normLine(l.text)] == "video-player":
			if i > 0 {
				p := d.lines[i-1]
				if p.kept() && p.block == l.block && p.words <= 20 && !strings.HasSuffix(p.text, ".") {
					p.drop = "video-player"
				}
			}
		}
	}
}

// shortRuns drops runs of eight or more short unpunctuated lines, blank
// lines between them allowed: menus, tag clouds, lists of job categories.
// No article is written that way; a list inside an article is shorter or
// its items are sentences.
func (d *textDoc) shortRuns() {
	var run []*line
	flush := func() {
		if len(run) >= 8 {
			for _, l := range run {
				l.drop = "link-list"
			}
		}
		run = run[:0]
	}
	for _, l := range d.lines {
		if l.blank() {
			continue
		}
		if l.drop != "" {
			// Dropped lines end a run unless they are of the run's kind.
			if len(run) > 0 && l.words > 8 {
				flush()
			}
			continue
		}
		if isShortUnpunctuated(l, 8) && l.heading == 0 {
			run = append(run, l)
			continue
		}
		flush()
	}
	flush()
}

// duplicates drops a line that repeats the line before it (an image
// caption printed under the image and again in its alt text).
func (d *textDoc) duplicates() {
	var prev *line
	for _, l := range d.lines {
		if !l.kept() {
			continue
		}
		if prev != nil && prev.text == l.text {
			l.drop = "duplicate"
			continue
		}
		prev = l
	}
}

// header drops the site chrome above the headline (the site's tagline,
// section links): lines of a few words before the title, or before the
// first metadata line when no title was found.
func (d *textDoc) header() {
	anchor := -1
	for i, l := range d.lines {
		if l.kept() && l.role == roleTitle {
			anchor = i
			break
		}
	}
	if anchor < 0 {
		for i, l := range d.lines {
			if l.kept() && l.role != roleNone {
				anchor = i
				break
			}
		}
	}
	for i := 0; i < anchor; i++ {
		l := d.lines[i]
		if l.kept() && l.role == roleNone && l.words <= 5 {
			l.drop = "header"
		}
	}
}

// footer drops the short unpunctuated lines after the last paragraph
// ("Other notes", "Click below links for year wise archive"), provided some
// paragraph of prose stays.
func (d *textDoc) footer() {
	hasProse := false
	for _, l := range d.lines {
		if l.kept() && isProse(l) {
			hasProse = true
			break
		}
	}
	if !hasProse {
		return
	}
	for i := len(d.lines) - 1; i >= 0; i-- {
		l := d.lines[i]
		if !l.kept() {
			continue
		}
		if l.role != roleNone || !isShortUnpunctuated(l, 8) || rxCredit.MatchString(l.text) || l.heading > 0 {
			return
		}
		l.drop = "footer"
	}
}
