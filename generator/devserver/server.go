package devserver

import (
	"net"
	"net/http"
	"strings"
	"sync"
)

// reserved is the URL prefix of everything the Server adds to the site.
const reserved = "/__devserver/"

// Server serves one output directory with live reload. Create it with New;
// its methods may be called from any goroutine.
type Server struct {
	dir string // from New; reopened for every request

	mu      sync.Mutex
	hosts   map[string]bool      // from AllowHost, lower-case, without port or brackets
	anyIP   bool                 // set by AllowAddresses
	clients map[*client]struct{} // open reload connections
	failure string               // message from the last Fail, "" after a successful build
	note    string               // from the last ReloadNoting, "" after Reload or Fail
	closed  bool                 // set by Close
	live    sync.WaitGroup       // one per reload connection, so Close can wait for them
}

// New returns a Server for the files in dir. It does not look at dir yet:
// the directory may not exist until the first build is swapped into place.
func New(dir string) *Server {
	return &Server{
		dir:     dir,
		hosts:   make(map[string]bool),
		clients: make(map[*client]struct{}),
	}
}

// AllowHost accepts requests whose Host header names host, in addition to
// localhost and the loopback addresses. host is a name or IP address; a
// port, if given, is ignored, because the check is about which name the
// browser used, not which port.
func (s *Server) AllowHost(host string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hosts[hostname(host)] = true
}

// AllowAddresses accepts requests whose Host header is any IP address, as
// other computers on the network send when they open the preview by this
// machine's address. An address cannot be used for DNS rebinding: the
// browser treats http://192.168.1.20:1313 as an origin of its own, which
// no page from another site can read, so only names need to be listed.
// Vite's dev server draws the same line.
func (s *Server) AllowAddresses() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.anyIP = true
}

// ServeHTTP checks the Host header and method, then serves the reload
// machinery under the reserved prefix or a file from the directory.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hostAllowed(r.Host) {
		http.Error(w, "This preview only answers to localhost and the addresses it was started for. Open it at http://localhost or by this computer's address instead.", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "Only GET and HEAD requests are allowed.", http.StatusMethodNotAllowed)
		return
	}
	switch p := r.URL.Path; {
	case p == reserved+"reload.js":
		serveScript(w, r)
	case p == reserved+"events":
		s.serveEvents(w, r)
	case strings.HasPrefix(p, reserved):
		http.Error(w, "Page not found.", http.StatusNotFound)
	default:
		s.serveSite(w, r)
	}
}

// hostAllowed reports whether the Host header names this machine's
// loopback interface or a host added with AllowHost. A request is refused
// otherwise, because a page on an attacker's domain that resolves to
// 127.0.0.1 would carry that domain in its Host header.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostname(hostport)
	if host == "localhost" || host == "::1" {
		return true
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return true // all of 127.0.0.0/8: no domain name can pose as an address
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return ip != nil && s.anyIP || host != "" && s.hosts[host]
}

// hostname returns the lower-case host part of a Host header or AllowHost
// argument, without port or IPv6 brackets.
func hostname(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimPrefix(host, "[")
	host = strings.TrimSuffix(host, "]")
	return strings.ToLower(host)
}
