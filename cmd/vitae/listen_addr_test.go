package main

import (
	"net"
	"strings"
	"testing"
)

func TestCheckListenAddr(t *testing.T) {
	tests := []struct {
		addr string
		want string // in the error; "" for none
	}{
		{"127.0.0.1:8080", ""},
		{":8080", ""},
		{"0.0.0.0:0", ""},
		{"[::1]:9000", ""},
		{"[fe80::1%eth0]:80", ""},
		{"localhost:65535", ""},
		{"vitae-1.internal.example.com:443", ""},
		{"", "must not be empty"},
		{"127.0.0.1", `"127.0.0.1" is not host:port, such as 127.0.0.1:8080 or :8080`},
		{"localhost:8080:1", "is not host:port"},
		{"::1:8080", "is not host:port"},
		{"127.0.0.1:99999", `"127.0.0.1:99999": port "99999" is not a number in 0..65535 (0 picks a free one)`},
		{"127.0.0.1:-1", `port "-1" is not a number in 0..65535`},
		{"127.0.0.1:http", `port "http" is not a number in 0..65535`},
		{"127.0.0.1:", `port "" is not a number`},
		{"256.1.1.1:80", `"256.1.1.1:80": host "256.1.1.1" is neither an IP address nor a host name`},
		{"256.1.1.1:99999", `port "99999"`},
		{"bad_host:80", `host "bad_host" is neither an IP address nor a host name`},
		{"-lead.example:80", `host "-lead.example"`},
		{"a..b:80", `host "a..b"`},
		{"[::g]:80", `host "::g"`},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			err := checkListenAddr(tt.addr)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one with %q", err, tt.want)
			}
		})
	}
}

// A bad --addr is a usage error (exit 2) named as the flag, before
// anything opens; an address that is taken is a failure of the
// environment (exit 1), as the README's exit codes say.
func TestServeAddrExitCodes(t *testing.T) {
	dir := workdir(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	tests := []struct {
		name string
		addr string
		code int
		want string
	}{
		{"tryout's address", "256.1.1.1:99999", exitUsage, `invalid flag value:
  --addr: "256.1.1.1:99999": port "99999" is not a number in 0..65535`},
		{"bad IP address", "256.1.1.1:8080", exitUsage, `--addr: "256.1.1.1:8080": host "256.1.1.1" is neither an IP address nor a host name`},
		{"no port", "localhost", exitUsage, `--addr: "localhost" is not host:port`},
		{"port taken", taken.Addr().String(), exitFailed, "listen on " + taken.Addr().String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := cli(t, dir, "serve", "--addr", tt.addr)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, want %d with %q:\n%s", code, tt.code, tt.want, errOut)
			}
		})
	}
	// The environment's value is named as the key.
	t.Setenv("VITAE_SERVER_ADDR", "127.0.0.1:70000")
	if code, _, errOut := cli(t, dir, "serve"); code != exitUsage || !strings.Contains(errOut, `server.addr: "127.0.0.1:70000": port "70000"`) {
		t.Errorf("VITAE_SERVER_ADDR: exit %d:\n%s", code, errOut)
	}
}
