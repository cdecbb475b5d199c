package devserver

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"time"

	"github.com/coder/websocket"
)

const (
	// clientBacklog is how many messages may wait for one page. A page
	// further behind than that is stuck; its connection is ended, and the
	// page catches up by reconnecting and reloading.
	clientBacklog = 16
	// writeTimeout bounds one message write, so a page that stopped
	// reading cannot hold its goroutine forever.
	writeTimeout = 10 * time.Second
)

// client is one open page's reload connection.
type client struct {
	send chan []byte // messages to write; closed by the Server to end the connection
	file string      // the page's file, from the script's data-file; "" when unknown
}

// message is one event on the wire, sent as a JSON text message.
type message struct {
	Type    string   `json:"type"`              // "ok", "error" or "reload"
	Changed []string `json:"changed,omitzero"`  // for "reload": output paths, slash-separated, relative to the directory
	Message string   `json:"message,omitempty"` // for "error": the build errors as the terminal printed them; for "ok" and "reload": a note, if any
	// For the page's own file, when the page named it and it is HTML:
	// its bytes as on disk, without the reload script, and their version,
	// as in the script's data-version; or, on "reload", Gone when the
	// file is no longer there.
	Page    string `json:"page,omitempty"`
	Version string `json:"version,omitempty"`
	Gone    bool   `json:"gone,omitempty"`
}

func (m message) encode() []byte {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	// A page's HTML goes as it is, not with every < and > as \u003c.
	e.SetEscapeHTML(false)
	if err := e.Encode(m); err != nil {
		panic(err) // strings only: Encode cannot fail
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// Reload tells every open page that a rebuild succeeded. changed lists the
// output paths whose bytes changed, were added or were removed,
// slash-separated and relative to the directory, such as
// "skills/communication/index.html" or "assets/style.css". Each page
// decides from the list whether to reload, and any error overlay goes away.
func (s *Server) Reload(changed []string) { s.ReloadNoting(changed, "") }

// ReloadNoting is Reload with a note for the educator, about something
// that went wrong and was put right: every open page shows it, and every
// page that opens later until the next Reload or Fail, which matters
// because most pages reload at once.
//
// A page whose own file is among changed gets, with the message, the
// file's new bytes and version, or word that it is gone, so that it can
// swap the new page in without asking for it.
func (s *Server) ReloadNoting(changed []string, note string) {
	m := message{Type: "reload", Changed: append([]string{}, changed...), Message: note}
	msg := m.encode()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure = ""
	s.note = note
	// Files are read under the lock, so that every page gets its
	// messages in order; they were just written, so reading them is
	// quick, and only pages that are open and changed are read. Without
	// the directory (between the renames of a whole-site swap) pages get
	// the plain message and ask.
	own := make(map[string][]byte) // the message for each open page changed, by file
	if root, err := os.OpenRoot(s.dir); err == nil {
		defer root.Close()
		for c := range s.clients {
			if _, done := own[c.file]; !done && isHTML(c.file) && slices.Contains(m.Changed, c.file) {
				own[c.file] = withPage(m, root, c.file)
			}
		}
	}
	for c := range s.clients {
		if b, ok := own[c.file]; ok {
			s.send(c, b)
		} else {
			s.send(c, msg)
		}
	}
}

// withPage returns m for the page whose file is file: with the file's
// bytes and version, or Gone when it is no longer in root.
func withPage(m message, root *os.Root, file string) []byte {
	if body, ok := readPage(root, file); ok {
		m.Page, m.Version = string(body), version(body)
	} else {
		m.Gone = true
	}
	return m.encode()
}

// Fail tells every open page, and every page that opens later until the
// next Reload, that a rebuild failed. message is the text the terminal
// printed, one "file:line:col: problem" per line; pages show it as is.
// The directory is not touched, so the last good site is still served.
func (s *Server) Fail(message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure = message
	s.note = ""
	s.broadcast(failure(message))
}

func failure(text string) []byte {
	return message{Type: "error", Message: text}.encode()
}

// broadcast queues msg for every client. s.mu must be held, so that
// messages reach every page in the order they were sent.
func (s *Server) broadcast(msg []byte) {
	for c := range s.clients {
		s.send(c, msg)
	}
}

// send queues msg for c, or ends c's connection when c is too far behind.
// s.mu must be held.
func (s *Server) send(c *client, msg []byte) {
	select {
	case c.send <- msg:
	default:
		delete(s.clients, c)
		close(c.send)
	}
}

// Close ends every reload connection, refuses new ones, and returns once
// their handlers have finished. Pages see the connection close and keep
// trying to reconnect, so a restarted server reloads them. Call it when
// the HTTP server shuts down, since http.Server.Shutdown neither closes
// nor waits for WebSocket connections.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	for c := range s.clients {
		delete(s.clients, c)
		close(c.send)
	}
	s.mu.Unlock()
	s.live.Wait()
}

// join registers a new client for the page whose file is file ("" when
// unknown). Its first message is the state of the last build, queued
// under the same lock as broadcasts, so a page never misses an event that
// happens while it connects: a page that opens after a failed build sees
// the error at once. It carries the page's file as it is now, so that
// the page can tell whether it is out of date and has what it was
// loaded from to compare the next version with.
func (s *Server) join(file string) (*client, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, false
	}
	c := &client{send: make(chan []byte, clientBacklog), file: file}
	hello := message{Type: "ok", Message: s.note}
	if s.failure != "" {
		hello = message{Type: "error", Message: s.failure}
	}
	if file != "" {
		if root, err := os.OpenRoot(s.dir); err == nil {
			if body, ok := readPage(root, file); ok {
				hello.Page, hello.Version = string(body), version(body)
			}
			root.Close()
		}
	}
	c.send <- hello.encode()
	s.clients[c] = struct{}{}
	s.live.Add(1)
	return c, true
}

func (s *Server) leave(c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clients, c)
}

// serveEvents upgrades the request to a WebSocket and writes the client's
// messages to it until the page goes away or the Server closes it.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	c, ok := s.join(r.URL.Query().Get("file"))
	if !ok {
		http.Error(w, "The preview server is stopping.", http.StatusServiceUnavailable)
		return
	}
	defer s.live.Done() // last, so Close returns only after the connection is closed
	defer s.leave(c)

	// Accept also refuses an Origin other than the page's own host, so
	// another site open in the browser cannot listen in.
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return // Accept has answered the request already
	}
	defer conn.CloseNow()
	// Pages send nothing; reading only answers pings and notices the close.
	ctx := conn.CloseRead(r.Context())

	for {
		select {
		case msg, open := <-c.send:
			if !open {
				conn.Close(websocket.StatusGoingAway, "reconnect and reload")
				return
			}
			wctx, cancel := context.WithTimeout(ctx, writeTimeout)
			err := conn.Write(wctx, websocket.MessageText, msg)
			cancel()
			if err != nil {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}
