package main

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// checkListenAddr vets server.addr before serve starts: host:port, the
// port a number in 0..65535 (0 picks a free one), the host empty (every
// interface), an IP address or a host name. A bad value is a usage error
// (exit 2); net.Listen would report it as a failure to listen (exit 1),
// which is left for an address that is taken or not this machine's.
func checkListenAddr(addr string) error {
	if addr == "" {
		return errors.New("must not be empty")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port, such as 127.0.0.1:8080 or :8080", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q: port %q is not a number in 0..65535 (0 picks a free one)", addr, port)
	}
	if host != "" && !isHostName(host) {
		if _, err := netip.ParseAddr(host); err != nil {
			return fmt.Errorf("%q: host %q is neither an IP address nor a host name", addr, host)
		}
	}
	return nil
}

// isHostName reports whether s is a DNS host name (RFC 1123): dot-separated
// labels of letters, digits and inner hyphens, 1..63 characters each, the
// last not all digits, so that 256.1.1.1 is read as a bad IP address, not
// a name.
func isHostName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	last := labels[len(labels)-1]
	return strings.Trim(last, "0123456789") != ""
}
