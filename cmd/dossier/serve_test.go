package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write
// while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs the program with args in-process until the returned
// stop is called, and returns the workbench's URL.
func startServe(t *testing.T, args ...string) (url string, stop func() error, stderr *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	m := NewMain()
	stderr = &syncBuffer{}
	m.Stderr = stderr
	urls := make(chan string, 1)
	m.Listening = func(u string) { urls <- u }
	done := make(chan error, 1)
	go func() {
		err := m.Run(ctx, args)
		m.Close()
		done <- err
	}()
	select {
	case url = <-urls:
	case err := <-done:
		cancel()
		t.Fatalf("dossier %s ended before listening: %v\n%s", strings.Join(args, " "), err, stderr)
	case <-time.After(2 * time.Minute):
		cancel()
		t.Fatalf("dossier %s: not listening after 2 minutes\n%s", strings.Join(args, " "), stderr)
	}
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		return <-done
	}
	t.Cleanup(func() { stop() })
	return url, stop, stderr
}

// TestServe runs `dossier serve` on a database filled by `dossier ingest`,
// asks the API for the IS-K profile and stops it as Ctrl-C would.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	mustRun(t, exitOK, nil, "ingest", "--db", db, "-q", corpus(t))
	url, stop, stderr := startServe(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.Contains(stderr.String(), url) {
		t.Errorf("url %q; stderr %s", url, stderr)
	}
	resp, err := http.Get(url + "/api/v1/search?q=IS-K")
	if err != nil {
		t.Fatal(err)
	}
	var sr struct {
		Entities []struct{ ID, Title string }
	}
	json.NewDecoder(resp.Body).Decode(&sr)
	resp.Body.Close()
	if len(sr.Entities) == 0 || sr.Entities[0].Title != "Islamic State Khorasan Province" {
		t.Fatalf("search IS-K: %+v", sr)
	}
	resp, err = http.Get(url + "/entities/" + sr.Entities[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "ISIS-K") {
		t.Errorf("profile page: status %d", resp.StatusCode)
	}
	// A write is refused: serve is read-only by default.
	resp, err = http.Post(url+"/api/v1/documents?name=a.txt", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("upload on a read-only server: status %d", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Errorf("serve ended with %v after being stopped", err)
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Error("still serving after stop")
	}
}

// TestServeUpload runs `dossier serve --allow-write` and uploads a
// document with the token from the environment.
func TestServeUpload(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	const token = "a-token-of-enough-length"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m := NewMain()
	m.Getenv = func(k string) string {
		if k == "DOSSIER_TOKEN" {
			return token
		}
		return ""
	}
	urls := make(chan string, 1)
	m.Listening = func(u string) { urls <- u }
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--allow-write"})
		m.Close()
	}()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", url+"/api/v1/documents?name=report.txt",
		strings.NewReader("Islamic State Khorasan (IS-K) attacked a checkpoint in Jalalabad.\n"))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "report.txt: 1 added") {
		t.Fatalf("upload: status %d: %s", resp.StatusCode, b)
	}
	resp, err = http.Get(url + "/api/v1/search?q=jalalabad")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"documents": [`) || !strings.Contains(string(b), "Jalalabad") {
		t.Errorf("uploaded document not searchable: %s", b)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestDemoServe runs `dossier demo --serve`, the README's one command.
func TestDemoServe(t *testing.T) {
	url, stop, _ := startServe(t, "demo", "--serve", "--addr", "127.0.0.1:0")
	resp, err := http.Get(url + "/api/v1/overview")
	if err != nil {
		t.Fatal(err)
	}
	var ov struct{ Documents int }
	json.NewDecoder(resp.Body).Decode(&ov)
	resp.Body.Close()
	if ov.Documents != 5 {
		t.Errorf("demo serves %d documents, want 5", ov.Documents)
	}
	if err := stop(); err != nil {
		t.Errorf("demo --serve ended with %v", err)
	}
}
