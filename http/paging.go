package http

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/dossier-osint/dossier"
)

// Every list the workbench serves, page or API answer, is one page of at
// most ?limit= rows (dossier.DefaultLimit unless asked, dossier.MaxLimit
// at most) after ?cursor=, the opaque key the previous page gave as its
// next. JSON answers carry "next" and "total", pages a next-page link,
// CSV downloads a Link header.

// limitParam reads ?limit=: def when absent, else a whole number from 1
// to dossier.MaxLimit, or EINVALID saying why.
func limitParam(r *http.Request, def int) (int, error) {
	v := r.FormValue("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > dossier.MaxLimit {
		return 0, dossier.Errorf(dossier.EINVALID, "limit=%q: give a whole number from 1 to %d", v, dossier.MaxLimit)
	}
	return n, nil
}

// pageRequest reads ?limit= and ?cursor=.
func pageRequest(r *http.Request) (dossier.PageRequest, error) {
	n, err := limitParam(r, dossier.DefaultLimit)
	if err != nil {
		return dossier.PageRequest{}, err
	}
	return dossier.PageRequest{Limit: n, Cursor: r.FormValue("cursor")}, nil
}

// Paging is what a paginated view adds: the cursor of the next page, the
// size of the whole list, and for pages the link to the next page.
type Paging struct {
	Next  string `json:"next"`
	Total int    `json:"total"`
	// NextLink is the request's address with the next cursor, "" on the
	// last page.
	NextLink string `json:"-"`
	// First is whether this is the list's first page; FirstLink leads
	// back to it.
	First     bool   `json:"-"`
	FirstLink string `json:"-"`
}

// paging describes a page of a list answered for r.
func paging(r *http.Request, next string, total int) Paging {
	p := Paging{Next: next, Total: total, First: r.FormValue("cursor") == ""}
	if next != "" {
		p.NextLink = withQuery(r.URL, "cursor", next)
	}
	if !p.First {
		p.FirstLink = withQuery(r.URL, "cursor", "")
	}
	return p
}

// withQuery is u's path and query with key set to value (removed when
// value is "").
func withQuery(u *url.URL, key, value string) string {
	q := u.Query()
	if value == "" {
		q.Del(key)
	} else {
		q.Set(key, value)
	}
	if len(q) == 0 {
		return u.Path
	}
	return u.Path + "?" + q.Encode()
}

// linkNext sets the Link header of an answer that has a next page
// (RFC 8288), for clients of the CSV downloads, which have no body field
// for it.
func linkNext(w http.ResponseWriter, p Paging) {
	if p.NextLink != "" {
		w.Header().Set("Link", "<"+p.NextLink+`>; rel="next"`)
	}
}
