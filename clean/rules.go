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
var wholeLines = func() map[string]string {
	m := map[string]string{}
	add := func(reason string, lines ...string) {
		for _, l := range lines {
			m[l] = reason
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
	return m
}()

// Lines that start a boilerplate sentence; the rest of the line may be
// anything (the e-mail notice of a comment form goes on about required
// fields, a "see also" link names another article).
var (
	rxCommentForm = regexp.MustCompile(`(?i)^(your email address will not be published|required fields are marked|save my name,? email|you must be logged in to post|notify me of (new|follow-up) (comments|posts)|\d+ (comments?|responses?|replies)$)`)
	rxRelated     = regexp.MustCompile(`(?i)^\[?\s*(see also|read more|also read|read also|related|recommended|further reading|more on this|more from)\s*:`)
	rxPromo       = regexp.MustCompile(`(?i)^\[?\s*(watch|video|listen|audio|podcast|watch now|watch live|photos|gallery)\s*[:|]`)
	rxTimestamps  = regexp.MustCompile(`^(\d{1,2}:)?\d{1,2}:\d{2}([\s/|–-]+(\d{1,2}:)?\d{1,2}:\d{2})+$`)
	rxBullet      = regexp.MustCompile(`^([•·◦▪▫‣∙●○■□►▸–—*+-]|\d{1,3}[.)])\s+`)
)

// Newsletter boxes talk to the reader about the reader's inbox, or order
// them to sign up; a sentence that merely mentions a newsletter ("the
// group's newsletter urged supporters to join") does neither. Cookie and
// privacy notices speak in the site's voice ("our privacy policy").
// Phrases are matched on the lower-cased line; plain substring search keeps
// the cleaner fast.
var (
	newsTopic = []string{"email address", "e-mail address", "newsletter", "sign up", "sign-up", "signup",
		"subscribe", "subscription", "inbox"}
	newsVoice = []string{"your email", "your e-mail", "your inbox", "your weekly", "your daily", "your morning",
		"your evening", "our newsletter", "our email", "our e-mail", "straight to your", "delivered to your",
		"you can unsubscribe", "unsubscribe at any time"}
	newsStart = []string{"sign up", "sign-up", "subscribe", "newsletter", "get our newsletter", "get the newsletter"}
	newsOrder = []string{"select", "enter", "get", "join", "register", "receive", "want", "never miss",
		"stay informed", "don't miss", "don’t miss"}
	newsEmail    = []string{"email address", "e-mail address", "your email", "your e-mail", "inbox"}
	privacyVoice = []string{"our privacy policy", "our privacy notice", "our privacy statement", "our cookie policy",
		"our cookie notice", "we use cookies", "this site uses cookies", "this website uses cookies",
		"our site uses cookies", "our website uses cookies", "continuing to use this site",
		"continuing to use this website", "continuing to use our", "continuing to browse",
		"manage your cookie", "manage your privacy"}
)

// isNewsletter reports whether a lower-cased line is a newsletter box.
func isNewsletter(lower string, words int) bool {
	if !containsAny(lower, newsTopic) {
		return false
	}
	return containsAny(lower, newsVoice) ||
		(words <= 40 && hasWordPrefix(lower, newsStart)) ||
		(hasWordPrefix(lower, newsOrder) && containsAny(lower, newsEmail))
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hasWordPrefix reports whether s starts with one of the words or phrases
// followed by a non-letter.
func hasWordPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			r, _ := utf8.DecodeRuneInString(s[len(p):])
			if !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

func isCopyright(lower string) bool {
	return strings.HasPrefix(lower, "©") || strings.HasPrefix(lower, "copyright") ||
		(strings.HasPrefix(lower, "(c)") && strings.ContainsAny(lower, "0123456789")) ||
		strings.Contains(lower, "all rights reserved")
}

// reasonFor returns why the line on its own is boilerplate, or "".
func reasonFor(l *line) string {
	t := l.text
	if !hasAlnum(t) {
		return "separator"
	}
	if l.words <= 8 {
		if r, ok := wholeLines[normLine(t)]; ok {
			return r
		}
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
	lower := strings.ToLower(t)
	if (strings.Contains(lower, "cookie") || strings.Contains(lower, "privacy") || strings.Contains(lower, "continuing to ")) &&
		containsAny(lower, privacyVoice) {
		return "privacy"
	}
	if isNewsletter(lower, l.words) {
		return "newsletter"
	}
	if l.words <= 15 && isCopyright(lower) {
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
	if !hasAlnum(t) {
		return ""
	}
	t = strings.ReplaceAll(t, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(t), " "))
}

func hasAlnum(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
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
		// A row of a table ("Kabul | 12 | 5") holds figures; a row of
		// links holds words, or years in an archive.
		ok, digits, years := true, false, true
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if p == "" || countWords(p) > 4 || endsSentence(p) {
				ok = false
				break
			}
			digits = digits || strings.ContainsAny(p, "0123456789")
			years = years && isYear(p)
		}
		if ok && (!digits || years) {
			return true
		}
	}
	return false
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s[0] == '1' || s[0] == '2'
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
	d.tables()
	d.widgetBlocks()
	d.shortRuns()
	d.duplicates()
	d.metadata()
	d.header()
	d.footer()
	d.authorBios()
}

// authorBios drops the notes about the authors that close an article
// ("Navin Bapat is a permanent contributor at ... and a professor in
// Political Science at the University of North Carolina"): they are about
// the writer, not the subject, and their universities and courses are no
// part of the picture. Only the last few paragraphs are looked at, and
// only a paragraph that opens with a by-line author's full name and a
// verb of description.
func (d *textDoc) authorBios() {
	if len(d.meta.Authors) == 0 {
		return
	}
	seen := 0
	for i := len(d.lines) - 1; i >= 0 && seen < 4; i-- {
		l := d.lines[i]
		if !l.kept() {
			continue
		}
		seen++
		for _, a := range d.meta.Authors {
			if strings.Count(a, " ") == 0 {
				continue // a full name only: "Best is" could open any sentence
			}
			rest, ok := strings.CutPrefix(l.text, a)
			if ok && (strings.HasPrefix(rest, " is ") || strings.HasPrefix(rest, " was ") ||
				strings.HasPrefix(rest, " teaches ") || strings.HasPrefix(rest, " holds ") || strings.HasPrefix(rest, ", a ")) {
				l.drop = "author-bio"
				break
			}
		}
	}
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

// tables restores a row of words taken for a row of links when the lines
// around it are rows of the same table ("Province | Killed | Injured" over
// "Kabul | 12 | 30").
func (d *textDoc) tables() {
	for i, l := range d.lines {
		if l.drop != "link-row" || !strings.Contains(l.text, "|") {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(d.lines) && d.lines[j].kept() && d.lines[j].block == l.block &&
				strings.Count(d.lines[j].text, "|") >= 2 {
				l.drop = ""
				break
			}
		}
	}
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

// shortRuns drops runs of ten or more short unpunctuated lines, blank
// lines between them allowed: menus, tag clouds, lists of job categories.
// An article's own list is announced by a line ending in a colon ("The
// provinces were:") or has items that are sentences or figures; in Markdown,
// where lists are common, only runs of links are dropped.
func (d *textDoc) shortRuns() {
	const minRun = 10
	var run []*line
	var before *line // the kept line before the run
	flush := func() {
		if len(run) >= minRun && (before == nil || !strings.HasSuffix(before.text, ":")) {
			for _, l := range run {
				l.drop = "link-list"
			}
		}
		run = run[:0]
	}
	var prev *line
	for _, l := range d.lines {
		if l.blank() {
			continue
		}
		if l.drop != "" {
			// Long boilerplate ends a run; short boilerplate (a widget
			// heading) may sit in a menu.
			if len(run) > 0 && l.words > 8 {
				flush()
			}
			continue
		}
		if isMenuItem(l, d.md) {
			if len(run) == 0 {
				before = prev
			}
			run = append(run, l)
		} else {
			flush()
		}
		prev = l
	}
	flush()
}

func isMenuItem(l *line, md bool) bool {
	if !isShortUnpunctuated(l, 8) || l.heading > 0 {
		return false
	}
	if md && !strings.Contains(l.text, "](") {
		return false
	}
	// Figures make a line data, not a link label; years label archives.
	for _, w := range strings.Fields(l.text) {
		if strings.ContainsAny(w, "0123456789") && !isYear(w) && bulletLen(w+" ") == 0 {
			return false
		}
	}
	return true
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
