package weaviatetest

import (
	"bytes"
	"encoding/json"
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

	"vitae/index/weaviate"
	"vitae/internal/freeport"
)

// Version is the Weaviate release the tests are written against.
const Version = weaviate.ServerVersion

// Binary returns the path of weaviate-server, skipping tb when there is
// none on PATH or in the Go bin directory.
func Binary(tb testing.TB) string {
	tb.Helper()
	p, err := weaviate.FindServer()
	if err != nil {
		tb.Skipf("%v (.ci/run installs it)", err)
	}
	return p
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
	// Per node: HTTP, gRPC, then two pairs of adjacent ports, gossip and
	// data, Raft and its RPC: on a local cluster Weaviate finds a peer's
	// Raft RPC port as its Raft port + 1 (and data as gossip + 1).
	var held freeport.Held // every port held until all are chosen
	defer held.Release()
	port := func(f func() (int, error)) int {
		p, err := f()
		if err != nil {
			tb.Fatal(err)
		}
		return p
	}
	ports := make([]int, 0, 6*n)
	for range n {
		ports = append(ports, port(held.One), port(held.One))
		g, r := port(held.Pair), port(held.Pair)
		ports = append(ports, g, g+1, r, r+1)
	}
	held.Release()
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
			"CLUSTER_HOSTNAME="+node.Name,
			"CLUSTER_ADVERTISE_ADDR=127.0.0.1",
			"CLUSTER_IN_LOCALHOST=true",
			fmt.Sprintf("GRPC_PORT=%d", p[1]),
			fmt.Sprintf("CLUSTER_GOSSIP_BIND_PORT=%d", p[2]),
			fmt.Sprintf("CLUSTER_DATA_BIND_PORT=%d", p[3]),
			fmt.Sprintf("RAFT_PORT=%d", p[4]),
			fmt.Sprintf("RAFT_INTERNAL_RPC_PORT=%d", p[5]),
			fmt.Sprintf("RAFT_BOOTSTRAP_EXPECT=%d", n),
			"RAFT_JOIN="+strings.Join(join, ","),
			// A returning replica catches up within seconds, not minutes.
			"ASYNC_REPLICATION_FREQUENCY=1s",
			"ASYNC_REPLICATION_ALIVE_NODES_CHECKING_FREQUENCY=1s",
		)
		if i > 0 {
			node.env = append(node.env, fmt.Sprintf("CLUSTER_JOIN=127.0.0.1:%d", ports[2]))
		}
		if os.Getenv("LOG_LEVEL") == "" {
			node.env = append(node.env, "LOG_LEVEL=warning")
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
	// The first node's gossip must listen before the others start: they
	// join through it, once.
	for i, node := range c.Nodes {
		if err := node.start(); err != nil {
			tb.Fatalf("start %s: %v", node.Name, err)
		}
		if i == 0 && n > 1 {
			c.waitListening(node, ports[2])
		}
	}
	for _, node := range c.Nodes {
		c.waitReady(node)
	}
	c.waitMembers()
	return c
}

// waitMembers waits until every node sees every node healthy: readiness
// alone does not prove that they formed one cluster.
func (c *Cluster) waitMembers() {
	c.tb.Helper()
	deadline := time.Now().Add(time.Minute)
	var last string
	for time.Now().Before(deadline) {
		ok := true
		for _, n := range c.Nodes {
			m, err := members(n.Host())
			healthy := 0
			for _, status := range m {
				if status == "HEALTHY" {
					healthy++
				}
			}
			if err != nil || healthy != len(c.Nodes) {
				ok, last = false, fmt.Sprintf("%s sees %d healthy nodes (%v)", n.Name, healthy, err)
				break
			}
		}
		if ok {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	c.tb.Fatalf("the nodes did not form one cluster: %s", last)
}

// members maps each node host reports (the members it gossips with) to
// its status.
func members(host string) (map[string]string, error) {
	resp, err := http.Get("http://" + host + "/v1/nodes")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body struct {
		Nodes []struct {
			Name   string `json:"name"`
			Status string `json:"status"`
		} `json:"nodes"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(body.Nodes))
	for _, n := range body.Nodes {
		out[n.Name] = n.Status
	}
	return out, nil
}

// Kill ends node i with SIGKILL and waits for the process to be gone.
func (c *Cluster) Kill(i int) {
	c.tb.Helper()
	c.Nodes[i].stop()
}

// WaitGone waits until every other node has dropped node i from its
// members (Weaviate's /v1/nodes lists the members it gossips with), the
// state a cluster settles in once it has marked a killed node dead.
func (c *Cluster) WaitGone(i int) {
	c.tb.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	var last string
	for time.Now().Before(deadline) {
		gone := true
		for j, n := range c.Nodes {
			if j == i {
				continue
			}
			m, err := members(n.Host())
			if _, listed := m[c.Nodes[i].Name]; err != nil || listed {
				gone, last = false, fmt.Sprintf("%s lists %v (%v)", n.Name, m, err)
				break
			}
		}
		if gone {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	c.tb.Fatalf("%s still a member after 3 minutes: %s", c.Nodes[i].Name, last)
}

// Restart starts node i again on its ports and data, and waits until it
// is ready.
func (c *Cluster) Restart(i int) {
	c.tb.Helper()
	if err := c.Nodes[i].start(); err != nil {
		c.tb.Fatalf("restart %s: %v", c.Nodes[i].Name, err)
	}
	c.waitReady(c.Nodes[i])
	c.waitMembers()
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
	deadline := time.Now().Add(time.Minute)
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

// waitListening waits until node accepts TCP connections on port.
func (c *Cluster) waitListening(n *Node, port int) {
	c.tb.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			conn.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.tb.Fatalf("%s does not listen on %d; log:\n%s", n.Name, port, n.tail())
}

// syncWriter serialises the processes' output into their buffers.
type syncWriter struct{ w *bytes.Buffer }

var logMu sync.Mutex

func (s *syncWriter) Write(p []byte) (int, error) {
	logMu.Lock()
	defer logMu.Unlock()
	return s.w.Write(p)
}
