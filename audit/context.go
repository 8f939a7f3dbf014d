package audit

import "context"

type actorKey struct{}

// WithActor returns ctx carrying who acts: the API key's fingerprint
// ("key:…") or a page session ("page:…"). The web layer sets it once per
// request; Record reads it when the event names no actor.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// ActorFrom is the actor ctx carries, or "system" (CLI, retention sweep).
func ActorFrom(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}
