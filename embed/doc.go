// Package embed turns text into vectors: Local, the built-in offline
// embedder (lexicon concepts, corpus-trained word contexts, subword-free
// hashing, SIF weighting; deterministic, no downloads); OpenAI, a client
// for any OpenAI-compatible embeddings server (OpenAI, Azure, Ollama, vLLM,
// LM Studio, TEI); Cache, vectors on disk keyed by model and text hash;
// Swap, which lets a running engine pick up a retrained model, and
// Counting, which counts calls for metrics; and NewServer, which serves
// any Embedder over the OpenAI wire format. ReadLocalFile and
// Local.WriteFile keep a trained built-in model on disk.
package embed
