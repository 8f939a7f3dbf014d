// Command vitae indexes résumés as achievement bullets and searches them by
// meaning, from the command line, a web page and a JSON API.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the process exit code; tests
// call it in-process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		err = helpErr(cmd)
	}
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "vitae:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "vitae:", err)
	return 1
}

// Exit codes, documented in the root command's help and the README.
const (
	exitFailed = 1 // the work failed: a file, the index, the server
	exitUsage  = 2 // the command line is wrong: command, flag, value, arguments
)

// usage marks err as a command-line mistake (exit 2).
func usage(err error) error { return &exitError{code: exitUsage, err: err} }

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// globals are the persistent flags every subcommand shares.
type globals struct {
	configFile string
	flags      *pflag.FlagSet
	stdout     io.Writer
	stderr     io.Writer
}

// bindings maps config keys to the persistent flags that override them.
var persistentBindings = map[string]string{
	"index.path": "index",
	"log.level":  "log-level",
	"log.format": "log-format",
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "vitae",
		Short: "Semantic résumé search: find the achievements that mean what you ask",
		Long: `Vitae splits résumés into achievement bullets, indexes them full-text
(bleve, BM25) and as embedding vectors, and finds the bullets that mean what a
hiring manager asks for — "led DevOps team" finds "Upon becoming a manager, I
was responsible for the DevOps team".

Quick start (offline, no API key):
  vitae serve                         # index ./data on first start, open http://127.0.0.1:8080
  vitae search "led DevOps team"      # the same from the terminal

Configuration: config.yaml (see the commented defaults in the repository),
VITAE_* environment variables (VITAE_INDEX_PATH), then flags.

Exit codes: 0 ok; 1 error (a file, the index or the server failed);
2 usage (unknown command or flag, bad flag value, wrong arguments).`,
		SilenceUsage:               true,
		SilenceErrors:              true,
		SuggestionsMinimumDistance: 2,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&g.configFile, "config", "", "config file (default ./config.yaml, then $XDG_CONFIG_HOME/vitae/config.yaml)")
	pf.String("index", "./vitae-data", "index directory (index.path)")
	pf.String("log-level", "info", "log level: debug, info, warn, error (log.level)")
	pf.String("log-format", "text", "log format: text or json (log.format)")
	g.flags = pf

	root.AddCommand(
		newIndexCmd(g),
		newSearchCmd(g),
		newServeCmd(g),
		newEmbedServerCmd(g),
		newMatchCmd(g),
		newEvalCmd(g),
		newBenchCmd(g),
		newAuditCmd(g),
		newReplayCmd(g),
		newRetentionCmd(g),
		newPurgeCmd(g),
		newJobsCmd(g),
		newMigrateCmd(g),
	)
	runnableGroups(root)
	usageErrors(root)
	return root
}

// runnableGroups makes the root and every command that only groups others
// (jobs, audit, retention) runnable, so that an unknown subcommand
// reaches Args (exit 2) instead of cobra's help (exit 0) or its own check
// (exit 1); without arguments they print their help.
func runnableGroups(c *cobra.Command) {
	if c.HasSubCommands() && c.Run == nil && c.RunE == nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				hint := ""
				if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
					hint = "; did you mean " + strings.Join(s, " or ") + "?"
				}
				return fmt.Errorf("unknown command %q for %q%s", args[0], cmd.CommandPath(), hint)
			}
			return nil
		}
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		if c.SuggestionsMinimumDistance == 0 {
			c.SuggestionsMinimumDistance = 2
		}
	}
	for _, sub := range c.Commands() {
		runnableGroups(sub)
	}
}

// helpErr is the usage error of a --help that named an unknown command
// ("vitae add --help"): cobra prints the parent's help and exits 0, as
// if the command existed, for it answers --help before it checks
// arguments. cmd is the command cobra ran, its flags parsed.
func helpErr(cmd *cobra.Command) error {
	if !cmd.HasSubCommands() || cmd.Flags().NArg() == 0 {
		return nil
	}
	if help, _ := cmd.Flags().GetBool("help"); !help {
		return nil
	}
	return usage(fmt.Errorf("unknown command %q for %q", cmd.Flags().Arg(0), cmd.CommandPath()))
}

// usageErrors makes every command's flag and argument errors exit 2.
func usageErrors(c *cobra.Command) {
	c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usage(err) })
	if args := c.Args; args != nil {
		c.Args = func(cmd *cobra.Command, a []string) error {
			if err := args(cmd, a); err != nil {
				return usage(err)
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		usageErrors(sub)
	}
}

// load reads the configuration with the persistent flags and the given
// command's own bound flags (key → flag name) applied.
func (g *globals) load(cmd *cobra.Command, local map[string]string) (*Config, *slog.Logger, error) {
	bind := map[string]*pflag.Flag{}
	for key, name := range persistentBindings {
		if f := g.flags.Lookup(name); f != nil && f.Changed {
			bind[key] = f
		}
	}
	for key, name := range local {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
			bind[key] = f
		}
	}
	cfg, err := loadConfig(g.configFile, bind)
	if err != nil {
		return nil, nil, usage(err)
	}
	log := newLogger(cfg, g.stderr)
	if limit, _ := parseBytes(cfg.Index.MemoryLimit); limit > 0 { // validated
		debug.SetMemoryLimit(limit)
		log.Debug("heap soft limit set", "bytes", limit)
	}
	if os.Getenv("GOGC") == "" { // the environment wins, as Go's own default does
		debug.SetGCPercent(cfg.Index.GCPercent)
	}
	return cfg, log, nil
}

// newLogger logs to w: plain text lines (log.format text, and auto, its
// older name), on a terminal or off it; JSON records only for
// log.format json.
func newLogger(cfg *Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
