package weaviatetest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Version is the Weaviate release the tests are written against.
const Version = "v1.35.2"

// Binary returns the path of weaviate-server, skipping tb when there is
// none on PATH or in the Go bin directory.
func Binary(tb testing.TB) string {
	tb.Helper()
	if p, err := exec.LookPath("weaviate-server"); err == nil {
		return p
	}
	var dirs []string
	if gobin := os.Getenv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		for _, p := range filepath.SplitList(strings.TrimSpace(string(out))) {
			dirs = append(dirs, filepath.Join(p, "bin"))
		}
	}
	for _, d := range dirs {
		p := filepath.Join(d, "weaviate-server")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	tb.Skipf("weaviate-server not found on PATH or in the Go bin directory; install it with "+
		"`go install github.com/weaviate/weaviate/cmd/weaviate-server@%s` (.ci/run does)", Version)
	return ""
}

// Node is one weaviate-server process.
type Node struct {
	Name string
	HTTP int // REST and GraphQL port
	dir  string
	env  []string
	bin  string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	log  *bytes.Buffer
}

// Host is the node's REST endpoint, "127.0.0.1:port".
func (n *Node) Host() string { return fmt.Sprintf("127.0.0.1:%d", n.HTTP) }

// Cluster is a set of nodes joined into one Weaviate cluster.
type Cluster struct {
	Nodes []*Node
	tb    testing.TB
}

// Hosts are the REST endpoints of every node.
func (c *Cluster) Hosts() []string {
	out := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		out[i] = n.Host()
	}
	return out
}

// Start starts a single node.
func Start(tb testing.TB) *Cluster { return StartCluster(tb, 1) }

// StartCluster starts n nodes on loopback, all Raft voters, and waits
// until every one is ready. They are killed, and their data removed, when
// the test ends; a node that failed has its log in the test's output.
func StartCluster(tb testing.TB, n int) *Cluster {
	tb.Helper()
	bin := Binary(tb)
	ports := freePorts(tb, 6*n)
	c := &Cluster{tb: tb}
	var join []string
	for i := range n {
		name := fmt.Sprintf("node%d", i+1)
		join = append(join, fmt.Sprintf("%s:%d", name, ports[6*i+4]))
	}
	root := tb.TempDir()
	for i := range n {
		p := ports[6*i : 6*i+6]
		node := &Node{Name: fmt.Sprintf("node%d", i+1), HTTP: p[0], dir: filepath.Join(root, fmt.Sprintf("node%d", i+1)), bin: bin}
		node.env = append(os.Environ(),
			"AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true",
			"PERSISTENCE_DATA_PATH="+node.dir,
			"DEFAULT_VECTORIZER_MODULE=none",
			"ENABLE_MODULES=",
			"DISABLE_TELEMETRY=true",
			"LOG_LEVEL=warning",
			"CLUSTER_HOSTNAME="+node.Name,
			"CLUSTER_ADVERTISE_ADDR=127.0.0.1",
			fmt.Sprintf("GRPC_PORT=%d", p[1]),
			fmt.Sprintf("CLUSTER_GOSSIP_BIND_PORT=%d", p[2]),
			fmt.Sprintf("CLUSTER_DATA_BIND_PORT=%d", p[3]),
			fmt.Sprintf("RAFT_PORT=%d", p[4]),
			fmt.Sprintf("RAFT_INTERNAL_RPC_PORT=%d", p[5]),
			fmt.Sprintf("RAFT_BOOTSTRAP_EXPECT=%d", n),
			"RAFT_JOIN="+strings.Join(join, ","),
		)
		if i > 0 {
			node.env = append(node.env, fmt.Sprintf("CLUSTER_JOIN=127.0.0.1:%d", ports[2]))
		}
		c.Nodes = append(c.Nodes, node)
	}
	tb.Cleanup(func() {
		for _, node := range c.Nodes {
			node.stop()
			if tb.Failed() {
				tb.Logf("%s log (tail):\n%s", node.Name, node.tail())
			}
		}
	})
	for _, node := range c.Nodes {
		if err := node.start(); err != nil {
			tb.Fatalf("start %s: %v", node.Name, err)
		}
	}
	for _, node := range c.Nodes {
		c.waitReady(node)
	}
	return c
}

// Kill ends node i with SIGKILL and waits for the process to be gone.
func (c *Cluster) Kill(i int) {
	c.tb.Helper()
	c.Nodes[i].stop()
}

// Restart starts node i again on its ports and data, and waits until it
// is ready.
func (c *Cluster) Restart(i int) {
	c.tb.Helper()
	if err := c.Nodes[i].start(); err != nil {
		c.tb.Fatalf("restart %s: %v", c.Nodes[i].Name, err)
	}
	c.waitReady(c.Nodes[i])
}

func (n *Node) start() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if err := os.MkdirAll(n.dir, 0o700); err != nil {
		return err
	}
	cmd := exec.Command(n.bin, "--host", "127.0.0.1", "--port", fmt.Sprint(n.HTTP), "--scheme", "http")
	cmd.Env = n.env
	cmd.Dir = n.dir
	n.log = &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = &syncWriter{w: n.log}, &syncWriter{w: n.log}
	if err := cmd.Start(); err != nil {
		return err
	}
	n.cmd, n.done = cmd, make(chan struct{})
	go func(done chan struct{}) {
		_ = cmd.Wait()
		close(done)
	}(n.done)
	return nil
}

func (n *Node) stop() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cmd == nil {
		return
	}
	_ = n.cmd.Process.Signal(syscall.SIGKILL)
	<-n.done
	n.cmd = nil
}

func (n *Node) tail() string {
	n.mu.Lock()
	buf := n.log
	n.mu.Unlock()
	if buf == nil {
		return ""
	}
	logMu.Lock()
	s := buf.String()
	logMu.Unlock()
	return s[max(0, len(s)-4000):]
}

// waitReady polls the node's readiness endpoint for up to two minutes.
func (c *Cluster) waitReady(n *Node) {
	c.tb.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	url := fmt.Sprintf("http://%s/v1/.well-known/ready", n.Host())
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		n.mu.Lock()
		done := n.done
		n.mu.Unlock()
		select {
		case <-done:
			c.tb.Fatalf("%s exited before it was ready; log:\n%s", n.Name, n.tail())
		default:
		}
		time.Sleep(200 * time.Millisecond)
	}
	c.tb.Fatalf("%s not ready at %s; log:\n%s", n.Name, url, n.tail())
}

// freePorts reserves n distinct free loopback ports, then releases them
// for the nodes to bind.
func freePorts(tb testing.TB, n int) []int {
	tb.Helper()
	var ls []net.Listener
	out := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			tb.Fatalf("free port: %v", err)
		}
		ls = append(ls, l)
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return out
}

// syncWriter serialises the processes' output into their buffers.
type syncWriter struct{ w *bytes.Buffer }

var logMu sync.Mutex

func (s *syncWriter) Write(p []byte) (int, error) {
	logMu.Lock()
	defer logMu.Unlock()
	return s.w.Write(p)
}
