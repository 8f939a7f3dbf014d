package embed

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"

	"vitae"
)

// Server limits.
const (
	maxServerBody   = 8 << 20
	maxServerInputs = 2048
)

// Server serves an Embedder over the OpenAI embeddings wire format.
type Server struct {
	e        vitae.Embedder
	mux      *http.ServeMux
	requests atomic.Int64
}

// NewServer returns a handler for POST /v1/embeddings and GET /v1/models.
func NewServer(e vitae.Embedder) *Server {
	s := &Server{e: e, mux: http.NewServeMux()}
	s.mux.HandleFunc("POST /v1/embeddings", s.embeddings)
	s.mux.HandleFunc("GET /v1/models", s.models)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		apiError(w, http.StatusNotFound, "not_found", "no such route: "+r.Method+" "+r.URL.Path)
	})
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Requests counts embedding requests served (tests assert cache hits by it).
func (s *Server) Requests() int64 { return s.requests.Load() }

type embeddingRequest struct {
	Input          json.RawMessage `json:"input"`
	Model          string          `json:"model"`
	EncodingFormat string          `json:"encoding_format"`
	Dimensions     int             `json:"dimensions"`
	InputType      string          `json:"input_type"` // extension: query or document
	User           string          `json:"user"`
}

type embeddingData struct {
	Object    string `json:"object"`
	Index     int    `json:"index"`
	Embedding any    `json:"embedding"`
}

func (s *Server) embeddings(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	r.Body = http.MaxBytesReader(w, r.Body, maxServerBody)
	var req embeddingRequest
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			apiError(w, http.StatusRequestEntityTooLarge, "too_large", "request body too large")
			return
		}
		apiError(w, http.StatusBadRequest, "invalid_request_error", "malformed JSON: "+err.Error())
		return
	}
	var inputs []string
	var one string
	switch {
	case json.Unmarshal(req.Input, &one) == nil:
		inputs = []string{one}
	case json.Unmarshal(req.Input, &inputs) == nil:
	default:
		apiError(w, http.StatusBadRequest, "invalid_request_error", "input must be a string or an array of strings (token arrays are not supported)")
		return
	}
	if len(inputs) == 0 {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "input is empty")
		return
	}
	if len(inputs) > maxServerInputs {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "too many inputs in one request")
		return
	}
	if req.Dimensions != 0 && req.Dimensions != s.e.Dimension() {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "this model only supports its own dimension")
		return
	}
	kind := vitae.InputDocument
	if strings.EqualFold(req.InputType, "query") {
		kind = vitae.InputQuery
	}
	vecs, err := s.e.Embed(r.Context(), inputs, kind)
	if err != nil {
		apiError(w, http.StatusServiceUnavailable, "unavailable", "embedding failed")
		return
	}
	data := make([]embeddingData, len(vecs))
	tokens := 0
	for i, v := range vecs {
		var emb any = v
		if req.EncodingFormat == "base64" {
			emb = base64.StdEncoding.EncodeToString(encode(v))
		}
		data[i] = embeddingData{Object: "embedding", Index: i, Embedding: emb}
		tokens += len(strings.Fields(inputs[i]))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list",
		"data":   data,
		"model":  s.e.Model(),
		"usage":  map[string]int{"prompt_tokens": tokens, "total_tokens": tokens},
	})
}

func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"object": "list",
		"data":   []map[string]any{{"id": s.e.Model(), "object": "model", "owned_by": "vitae"}},
	})
}

func apiError(w http.ResponseWriter, status int, typ, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": typ}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
