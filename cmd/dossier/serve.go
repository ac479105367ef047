package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dossier-osint/dossier"
	dhttp "github.com/dossier-osint/dossier/http"
)

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs, db := m.flags("serve", "", `Serves the analyst's workbench over HTTP: actor profiles, events, timeline,
map, network, the source reader with highlighted sentences, search and the
document list, plus a JSON API under /api/v1/ (described at
/api/v1/openapi.json). Everything is read from the database; nothing is
fetched from the network.

It is read-only and listens on loopback unless told otherwise. With
--allow-write, documents can be uploaded; every change then needs the token
(--token or $DOSSIER_TOKEN, at least 16 characters). Stop with Ctrl-C.
`)
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on (host:port; port 0 picks a free one)")
	allowWrite := fs.Bool("allow-write", false, "allow uploads (needs a token)")
	token := fs.String("token", "", "`secret` that write requests must carry (default $DOSSIER_TOKEN)")
	if err := fs.Parse(args); err != nil {
		return usageOrHelp(err)
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("serve: unexpected arguments %q", fs.Args())}
	}
	if *token == "" {
		*token = m.Getenv("DOSSIER_TOKEN")
	}
	if *allowWrite && len(*token) < 16 {
		return usageError{"serve: --allow-write needs --token (or $DOSSIER_TOKEN) of at least 16 characters"}
	}
	store, err := m.open(ctx, *db)
	if err != nil {
		return err
	}
	return m.serve(ctx, store, serveOptions{addr: *addr, allowWrite: *allowWrite, token: *token})
}

type serveOptions struct {
	addr       string
	allowWrite bool
	token      string
}

// serve runs the workbench until ctx is cancelled, then shuts it down
// gracefully. Being stopped is how serve ends, so that is no error.
func (m *Main) serve(ctx context.Context, store dossier.Store, o serveOptions) error {
	logger := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv := &dhttp.Server{Store: store, Addr: o.addr, AllowWrite: o.allowWrite, Token: o.token, Logger: logger}
	if o.allowWrite {
		srv.Ingest = m.uploader(store)
		srv.Decide = m.decider(store)
	}
	if err := srv.Open(); err != nil {
		return err
	}
	if host, _, err := net.SplitHostPort(o.addr); err == nil {
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			fmt.Fprintf(m.Stderr, "warning: listening on %s, reachable from other machines\n", o.addr)
		}
	}
	mode := "read-only"
	if o.allowWrite {
		mode = "writes allowed with the token"
	}
	fmt.Fprintf(m.Stderr, "dossier workbench at %s (%s); Ctrl-C to stop\n", srv.URL(), mode)
	if m.Listening != nil {
		m.Listening(srv.URL())
	}
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Close(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// decider records a decision from the workbench and resolves again, as
// `dossier entity` does; one at a time, like uploads.
func (m *Main) decider(store dossier.Store) dhttp.Decider {
	var mu sync.Mutex
	return func(ctx context.Context, d *dossier.Decision) error {
		mu.Lock()
		defer mu.Unlock()
		if err := store.AddDecision(ctx, d); err != nil {
			return err
		}
		return m.reresolve(ctx, store)
	}
}

// uploader ingests an uploaded file through the same pipeline as
// `dossier ingest`, one upload at a time, and resolves entities again
// when it added a document.
func (m *Main) uploader(store dossier.Store) dhttp.Ingester {
	var mu sync.Mutex
	return func(ctx context.Context, name string, data []byte) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		dir, err := os.MkdirTemp("", "dossier-upload-")
		if err != nil {
			return "", fmt.Errorf("upload %s: %w", name, err)
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return "", fmt.Errorf("upload %s: %w", name, err)
		}
		p, err := m.pipeline(store)
		if err != nil {
			return "", err
		}
		sum, err := p.Ingest(ctx, []string{path})
		if err != nil {
			return "", fmt.Errorf("upload %s: %w", name, err)
		}
		if sum.Failed > 0 {
			var msgs []string
			for _, f := range sum.Failures {
				msgs = append(msgs, strings.ReplaceAll(f.Error(), dir+string(filepath.Separator), ""))
			}
			return "", dossier.Errorf(dossier.EINVALID, "%s", strings.Join(msgs, "; "))
		}
		if sum.Added > 0 {
			if err := p.Resolve(ctx); err != nil {
				return "", fmt.Errorf("upload %s: resolve: %w", name, err)
			}
		}
		return fmt.Sprintf("%s: %d added, %d unchanged", name, sum.Added, sum.Unchanged), nil
	}
}
