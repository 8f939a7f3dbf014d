package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"vitae/internal/freeport"
)

// WeaviateNode is one weaviate-server process that the bench started on
// loopback, alone in its cluster, with its data under a directory of the
// bench's: the peer the embedded backend is measured beside.
type WeaviateNode struct {
	HTTP int    // REST and GraphQL port
	GRPC int    // gRPC port (search and batch import)
	Dir  string // PERSISTENCE_DATA_PATH

	bin  string
	env  []string
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	log  *lockedBuffer
}

// StartWeaviate starts bin as a single node with its data in dir and waits
// up to two minutes until it is ready. Stop ends it.
func StartWeaviate(ctx context.Context, bin, dir string) (*WeaviateNode, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("bench: weaviate data dir: %w", err)
	}
	var held freeport.Held // every port held until all are chosen
	defer held.Release()
	var ports [2]int
	var err error
	for i := range ports {
		if ports[i], err = held.One(); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	// Weaviate finds the data port as gossip + 1 and Raft's RPC as Raft + 1.
	gossip, err := held.Pair()
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	raft, err := held.Pair()
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	held.Release()
	n := &WeaviateNode{HTTP: ports[0], GRPC: ports[1], Dir: dir, bin: bin, log: &lockedBuffer{}}
	n.env = append(os.Environ(),
		"AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true",
		"PERSISTENCE_DATA_PATH="+dir,
		"DEFAULT_VECTORIZER_MODULE=none",
		"ENABLE_MODULES=",
		"DISABLE_TELEMETRY=true",
		"CLUSTER_HOSTNAME=node1",
		"CLUSTER_ADVERTISE_ADDR=127.0.0.1",
		"CLUSTER_IN_LOCALHOST=true",
		fmt.Sprintf("GRPC_PORT=%d", n.GRPC),
		fmt.Sprintf("CLUSTER_GOSSIP_BIND_PORT=%d", gossip),
		fmt.Sprintf("CLUSTER_DATA_BIND_PORT=%d", gossip+1),
		fmt.Sprintf("RAFT_PORT=%d", raft),
		fmt.Sprintf("RAFT_INTERNAL_RPC_PORT=%d", raft+1),
		"RAFT_BOOTSTRAP_EXPECT=1",
		fmt.Sprintf("RAFT_JOIN=node1:%d", raft),
		"LOG_LEVEL=warning",
	)
	if err := n.Restart(ctx); err != nil {
		return nil, err
	}
	return n, nil
}

// Restart starts the server (again, after Stop) on the same ports and
// data, and waits up to two minutes until it is ready.
func (n *WeaviateNode) Restart(ctx context.Context) error {
	cmd := exec.Command(n.bin, "--host", "127.0.0.1", "--port", fmt.Sprint(n.HTTP), "--scheme", "http")
	cmd.Dir, cmd.Env = n.Dir, n.env
	cmd.Stdout, cmd.Stderr = n.log, n.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("bench: start weaviate-server: %w", err)
	}
	done := make(chan struct{})
	n.cmd, n.done = cmd, done
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	if err := n.waitReady(ctx, 2*time.Minute); err != nil {
		n.Stop()
		return err
	}
	return nil
}

// Host is the REST endpoint, "127.0.0.1:port".
func (n *WeaviateNode) Host() string { return fmt.Sprintf("127.0.0.1:%d", n.HTTP) }

// GRPCHost is the gRPC endpoint, "127.0.0.1:port".
func (n *WeaviateNode) GRPCHost() string { return fmt.Sprintf("127.0.0.1:%d", n.GRPC) }

// RSS is the server's resident set (VmRSS of its /proc status), 0 once it
// has exited.
func (n *WeaviateNode) RSS() int64 {
	return procKB(fmt.Sprintf("/proc/%d/status", n.cmd.Process.Pid), "VmRSS:")
}

// Stop asks the server to shut down (SIGTERM: it flushes its memtables)
// and waits up to a minute before killing it.
func (n *WeaviateNode) Stop() error {
	select {
	case <-n.done:
		return nil
	default:
	}
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.done:
		return nil
	case <-time.After(time.Minute):
		_ = n.cmd.Process.Kill()
		<-n.done
		return errors.New("bench: weaviate-server did not stop within a minute; killed")
	}
}

// Tail is the end of the server's log, for an error message.
func (n *WeaviateNode) Tail() string {
	s := n.log.String()
	return s[max(0, len(s)-2000):]
}

func (n *WeaviateNode) waitReady(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	url := fmt.Sprintf("http://%s/v1/.well-known/ready", n.Host())
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-n.done:
			return fmt.Errorf("bench: weaviate-server exited before it was ready; log:\n%s", n.Tail())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	return fmt.Errorf("bench: weaviate-server not ready at %s after %s; log:\n%s", url, limit, n.Tail())
}

// lockedBuffer collects a process's output from two pipes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 1<<20 { // keep the tail only
		b.buf.Next(b.buf.Len() - 1<<19)
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
