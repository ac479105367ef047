package http

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dossier-osint/dossier"
	"github.com/dossier-osint/dossier/ingest"
	"github.com/dossier-osint/dossier/lexicon"
	"github.com/dossier-osint/dossier/ner"
)

// testDecider records a decision and resolves again in full, as cmd/dossier does.
func testDecider(t *testing.T, st dossier.Store) Decider {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	return func(ctx context.Context, d *dossier.Decision) error {
		if err := st.AddDecision(ctx, d); err != nil {
			return err
		}
		p := &ingest.Pipeline{Store: st, Lexicon: lex, Reader: ner.New(lex)}
		return p.ResolveAll(ctx)
	}
}

// TestDecide renames, splits and merges through the API and the profile
// form, with the token, and is refused without it or read-only.
func TestDecide(t *testing.T) {
	st := newCorpusDB(t, nil)
	ctx := context.Background()
	const token = "0123456789abcdef-test"
	s := serve(t, st, func(s *Server) {
		s.AllowWrite, s.Token, s.Decide = true, token, testDecider(t, st)
	})
	find := func(name string) *dossier.Entity {
		t.Helper()
		ents, err := st.FindEntities(ctx, name)
		if err != nil {
			t.Fatalf("find %q: %v", name, err)
		}
		return ents[0]
	}
	post := func(path, auth, contentType, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", s.URL()+path, strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		req.Header.Set("Content-Type", contentType)
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	isk := find("IS-K")
	const form = "application/x-www-form-urlencoded"
	const js = "application/json"

	if status, body := post("/api/v1/entities/"+isk.ID+"/rename", "", js, `{"name":"X"}`); status != 401 {
		t.Errorf("rename without token: %d %s", status, body)
	}
	if status, body := post("/api/v1/entities/e-nobody/rename", token, js, `{"name":"X"}`); status != 404 {
		t.Errorf("rename of an unknown entity: %d %s", status, body)
	}
	if status, body := post("/api/v1/entities/"+isk.ID+"/merge", token, js, `{}`); status != 400 {
		t.Errorf("merge without other: %d %s", status, body)
	}
	if status, body := post("/api/v1/entities/"+isk.ID+"/rename", token, js, `{"name":"ISKP","note":"house style"}`); status != 200 {
		t.Fatalf("rename: %d %s", status, body)
	}
	if got := find("IS-K"); got.Name != "ISKP" {
		t.Errorf("after rename IS-K is called %q", got.Name)
	}

	// Split through the profile page's form (token in the form).
	taliban := find("Taliban")
	status, _ := post("/entities/"+taliban.ID+"/decide", "", form,
		url.Values{"action": {"split"}, "aliases": {"Afghan Taliban"}, "token": {token}}.Encode())
	if status != http.StatusSeeOther {
		t.Fatalf("split form: status %d", status)
	}
	a, b := find("Taliban"), find("Afghan Taliban")
	if a.ID == b.ID {
		t.Errorf("Afghan Taliban still in %s after the split", a.ID)
	}
	// And merge them back through the API.
	if status, body := post("/api/v1/entities/"+a.ID+"/merge", token, js, `{"other":"`+b.ID+`"}`); status != 200 {
		t.Fatalf("merge: %d %s", status, body)
	}
	if a, b := find("Taliban"), find("Afghan Taliban"); a.ID != b.ID {
		t.Errorf("Taliban and Afghan Taliban apart after the merge: %s, %s", a.ID, b.ID)
	}
	ds, err := st.Decisions(ctx)
	if err != nil || len(ds) != 3 {
		t.Fatalf("%d decisions recorded (%v), want 3", len(ds), err)
	}
	if _, _, body := get(t, s.URL()+"/entities/"+a.ID); !strings.Contains(body, `action="/entities/`+a.ID+`/decide"`) {
		t.Errorf("profile has no decision forms when writes are allowed")
	}

	ro := serve(t, st)
	if _, _, body := get(t, ro.URL()+"/entities/"+a.ID); strings.Contains(body, "/decide") {
		t.Errorf("read-only profile shows decision forms")
	}
	req, _ := http.NewRequest("POST", ro.URL()+"/api/v1/entities/"+a.ID+"/rename", strings.NewReader(`{"name":"Y"}`))
	req.Header.Set("Content-Type", js)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("read-only rename: %d, want 403", resp.StatusCode)
	}
}
