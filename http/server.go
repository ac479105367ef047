// Package http is the analyst's workbench: server-rendered pages (actor
// profiles, events, timeline, map, network, source reader, search,
// documents) and a JSON API under /api/v1/ for everything the pages show,
// all read from a dossier.Store.
//
// Article text is hostile input. Every page is rendered by html/template,
// which escapes what documents say; bidirectional control characters are
// shown as visible marks, not obeyed (see vis); a Content-Security-Policy of
// 'self' forbids inline script, so even markup that slipped through could
// not run. Assets are embedded and served from the embedded file system
// only. The server binds to loopback unless told otherwise, refuses Host
// headers that are not its own (DNS rebinding), and is read-only unless
// started with writes allowed and a token; state-changing requests need the
// token and are refused when cross-origin (CSRF).
package http

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/dossier-osint/dossier"
)

// Limits. Pages and API answers are built in memory from a few bounded
// reads of the store (one page of a list, lookups by ID), so a request
// that takes longer than WriteTimeout is a bug or an overload, not a slow
// client worth waiting for.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 2 * time.Minute
	MaxHeaderBytes    = 64 << 10
	// MaxBodyBytes bounds every request body; only uploads have one.
	MaxBodyBytes = 32 << 20
)

// CSP allows only the server's own scripts, styles and images: no inline
// script or style attribute, no plugin, no framing, no form posting
// elsewhere.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Ingester stores an uploaded document and resolves entities again;
// cmd/dossier wires it to the ingest pipeline. It returns a one-line
// report for the user ("added", "unchanged", or why the file was refused).
type Ingester func(ctx context.Context, name string, data []byte) (string, error)

// Server serves the workbench over one listener.
type Server struct {
	Store dossier.Store
	// Pages answers the bounded reads every page and list is built from;
	// nil means Store, which must then implement dossier.Pages.
	Pages dossier.Pages
	// Addr is the address to listen on; "127.0.0.1:0" picks a free port.
	Addr string
	// AllowWrite enables uploads; Token must then be set and every
	// state-changing request must carry it.
	AllowWrite bool
	Token      string
	Ingest     Ingester
	// Decide records merge, split and rename decisions (with AllowWrite).
	Decide Decider
	// Logger receives internal errors; nil discards them.
	Logger *slog.Logger

	ln    net.Listener
	srv   *http.Server
	pages *pages
	// Now is the clock for generated-at stamps; tests may set it.
	Now func() time.Time
}

// Open checks the configuration, listens on Addr and starts serving in the
// background. Errors: EINVALID for a bad configuration.
func (s *Server) Open() error {
	if s.Store == nil {
		return dossier.Errorf(dossier.EINVALID, "serve: no store")
	}
	if s.Pages == nil {
		pg, ok := s.Store.(dossier.Pages)
		if !ok {
			return dossier.Errorf(dossier.EINVALID, "serve: the store cannot read a page at a time (no dossier.Pages)")
		}
		s.Pages = pg
	}
	if s.AllowWrite && len(s.Token) < 16 {
		return dossier.Errorf(dossier.EINVALID, "serve: --allow-write needs a --token of at least 16 characters")
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Addr == "" {
		s.Addr = "127.0.0.1:8080"
	}
	p, err := loadPages()
	if err != nil {
		return err
	}
	s.pages = p
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", s.Addr, err)
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	go s.srv.Serve(ln)
	return nil
}

// URL is the server's base URL, "http://127.0.0.1:PORT".
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Close stops the server, waiting up to the context's deadline for
// requests in flight.
func (s *Server) Close(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	err := s.srv.Shutdown(ctx)
	if err != nil {
		s.srv.Close()
	}
	return err
}

// Handler is the server's routes behind its security middleware. Open
// calls it; tests may use it alone, after loadPages.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	page := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(pattern, s.adapt(h, false))
	}
	api := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(pattern, s.adapt(h, true))
	}

	assets, _ := fs.Sub(assetFS, "assets")
	static := http.FileServerFS(assets)
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", cacheFor(time.Hour, static)))
	mux.Handle("GET /favicon.ico", http.NotFoundHandler())

	page("GET /{$}", s.homePage)
	page("GET /search", s.searchPage)
	page("GET /entities", s.entitiesPage)
	page("GET /entities/{id}", s.profilePage)
	for name := range sections {
		page("GET /entities/{id}/"+name, s.sectionPage(name))
	}
	page("GET /events", s.timelinePage)
	page("GET /events/{id}", s.eventPage)
	page("GET /map", s.mapPage)
	page("GET /network", s.networkPage)
	page("GET /documents", s.documentsPage)
	page("GET /documents/{id}", s.readerPage)
	page("GET /upload", s.uploadPage)
	page("POST /upload", s.write(s.uploadForm))
	page("POST /entities/{id}/decide", s.write(s.decideForm))

	for _, r := range s.apiRoutes() {
		api(r.pattern, r.h)
	}
	api("GET /api/", func(w http.ResponseWriter, r *http.Request) error {
		return dossier.Errorf(dossier.ENOTFOUND, "no API route %s %s", r.Method, r.URL.Path)
	})
	page("GET /", func(w http.ResponseWriter, r *http.Request) error {
		return dossier.Errorf(dossier.ENOTFOUND, "no page at %s", r.URL.Path)
	})

	var h http.Handler = mux
	h = http.NewCrossOriginProtection().Handler(h)
	h = s.guard(h)
	return h
}

// route is one API route: a ServeMux pattern and its handler.
type route struct {
	pattern string
	h       func(http.ResponseWriter, *http.Request) error
}

// apiRoutes are the routes under /api/v1/; openapi.json documents each of
// them (TestOpenAPICoversRoutes).
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET /api/v1/openapi.json", s.openAPI},
		{"GET /api/v1/overview", s.apiOverview},
		{"GET /api/v1/search", s.apiSearch},
		{"GET /api/v1/entities", s.apiEntities},
		{"GET /api/v1/entities/{id}", s.apiProfile},
		{"GET /api/v1/entities/{id}/aliases", s.apiSection("aliases")},
		{"GET /api/v1/entities/{id}/documents", s.apiSection("documents")},
		{"GET /api/v1/entities/{id}/sentences", s.apiSection("sentences")},
		{"GET /api/v1/entities/{id}/relations", s.apiSection("relations")},
		{"GET /api/v1/events", s.apiEvents},
		{"GET /api/v1/events/{id}", s.apiEvent},
		{"GET /api/v1/map", s.apiMap},
		{"GET /api/v1/network", s.apiNetwork},
		{"GET /api/v1/documents", s.apiDocuments},
		{"GET /api/v1/documents/{id}", s.apiDocument},
		{"POST /api/v1/documents", s.write(s.apiUpload)},
		{"POST /api/v1/entities/{id}/merge", s.write(s.apiDecide(dossier.Merge))},
		{"POST /api/v1/entities/{id}/split", s.write(s.apiDecide(dossier.Split))},
		{"POST /api/v1/entities/{id}/rename", s.write(s.apiDecide(dossier.Rename))},
	}
}

// guard sets the security headers on every answer, bounds request bodies
// and refuses foreign Host headers while bound to loopback.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if !s.hostAllowed(r.Host) {
			http.Error(w, "dossier: unexpected Host header; open the workbench by the address it printed", http.StatusMisdirectedRequest)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// hostAllowed protects a loopback server against DNS rebinding: a page on
// another site that resolves its own name to 127.0.0.1 sends its own name
// as Host, which is refused. A server bound to another address was exposed
// on purpose and accepts any Host.
func (s *Server) hostAllowed(host string) bool {
	if s.ln == nil {
		return true
	}
	bound, _, _ := net.SplitHostPort(s.ln.Addr().String())
	if ip := net.ParseIP(bound); ip == nil || !ip.IsLoopback() {
		return true
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.Trim(name, "[]")
	if strings.EqualFold(name, "localhost") {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// write guards a state-changing handler: writes must be enabled and the
// request must carry the token, in an "Authorization: Bearer" header or a
// "token" form field. Cross-origin requests never get here
// (CrossOriginProtection).
func (s *Server) write(h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if !s.AllowWrite {
			return errForbidden("this workbench is read-only; start it with --allow-write --token to change the database")
		}
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			given = r.FormValue("token")
		}
		if subtle.ConstantTimeCompare([]byte(given), []byte(s.Token)) != 1 {
			return errUnauthorized("missing or wrong token")
		}
		return h(w, r)
	}
}

// httpError carries a status the domain vocabulary has no code for.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func errForbidden(msg string) error    { return &httpError{http.StatusForbidden, msg} }
func errUnauthorized(msg string) error { return &httpError{http.StatusUnauthorized, msg} }

// statuses maps the domain error codes to HTTP statuses: the one table.
var statuses = map[string]int{
	dossier.EINVALID:  http.StatusBadRequest,
	dossier.ENOTFOUND: http.StatusNotFound,
	dossier.ECONFLICT: http.StatusConflict,
	dossier.EINTERNAL: http.StatusInternalServerError,
}

// adapt turns a handler that returns an error into an http.Handler: the
// one place where errors become statuses, as JSON for the API and as a
// page for people. Internal errors are logged and shown as "internal
// error", since their text may hold internals.
func (s *Server) adapt(h func(http.ResponseWriter, *http.Request) error, api bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		status, msg := http.StatusInternalServerError, "internal error"
		var he *httpError
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &he):
			status, msg = he.status, he.msg
		case errors.As(err, &mbe):
			status, msg = http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", mbe.Limit)
		case errors.Is(err, context.Canceled):
			return // the client went away
		default:
			code := dossier.ErrorCode(err)
			status = statuses[code]
			msg = dossier.ErrorMessage(err)
		}
		if status == http.StatusInternalServerError {
			s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		if api {
			writeJSON(w, status, map[string]any{"error": map[string]any{"status": status, "message": msg}})
			return
		}
		s.renderError(w, r, status, msg)
	})
}

// writeJSON writes v as indented JSON. HTML characters stay escaped
// (json's default), so a JSON answer opened in a browser cannot become
// markup either.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(d.Seconds())))
		h.ServeHTTP(w, r)
	})
}
