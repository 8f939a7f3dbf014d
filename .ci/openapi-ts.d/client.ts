// A small client typed by types.ts, which .ci/openapi-ts generates from
// web/openapi.json: if the document stops describing these answers, this
// file stops type-checking.
import type { components, operations } from "./types";

type SearchRequest = operations["searchBullets"]["requestBody"]["content"]["application/json"];
type SearchResponse = operations["searchBullets"]["responses"][200]["content"]["application/json"];
type MatchRequest = operations["matchJob"]["requestBody"]["content"]["application/json"];
type MatchResponse = operations["matchJob"]["responses"][200]["content"]["application/json"];
type APIError = components["schemas"]["Error"];
type JobFits = operations["listJobFits"]["responses"][200]["content"]["application/json"];

export class VitaeError extends Error {
  constructor(readonly status: number, readonly code: APIError["error"]["code"], message: string) {
    super(message);
  }
}

export class Vitae {
  constructor(private readonly base: string, private readonly apiKey?: string) {}

  private async post<Req, Res>(path: string, body: Req): Promise<Res> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (this.apiKey) headers.Authorization = `Bearer ${this.apiKey}`;
    const resp = await fetch(`${this.base}/api/v1${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    if (!resp.ok) {
      const e = (await resp.json()) as APIError;
      throw new VitaeError(resp.status, e.error.code, e.error.message);
    }
    return (await resp.json()) as Res;
  }

  search(req: SearchRequest): Promise<SearchResponse> {
    return this.post<SearchRequest, SearchResponse>("/search", req);
  }

  match(req: MatchRequest): Promise<MatchResponse> {
    return this.post<MatchRequest, MatchResponse>("/match", req);
  }

  async jobFits(resumeID: string): Promise<JobFits> {
    const headers: Record<string, string> = this.apiKey ? { Authorization: `Bearer ${this.apiKey}` } : {};
    const resp = await fetch(`${this.base}/api/v1/resumes/${encodeURIComponent(resumeID)}/jobs`, { headers });
    if (!resp.ok) {
      const e = (await resp.json()) as APIError;
      throw new VitaeError(resp.status, e.error.code, e.error.message);
    }
    return (await resp.json()) as JobFits;
  }
}

// The fields a caller reads, by name and type.
export async function demo(v: Vitae): Promise<string[]> {
  const res = await v.search({ query: "led DevOps team", mode: "hybrid", limit: 5, explain: true, filters: { skill: ["Kubernetes"], since: "2019" } });
  const lines: string[] = res.hits.map((h) => `${h.person} · ${h.role ?? ""} · ${h.score.toFixed(2)} (bm25 ${h.score_details?.keyword ?? 0}): ${h.text}`);
  const skills: number = res.facets?.skill.reduce((n, f) => n + f.count, 0) ?? 0;
  const degraded: boolean = res.degraded;
  lines.push(`${res.total} hits in ${res.took_ms} ms, ${skills} skill mentions${degraded ? " (keyword only)" : ""}`);

  const m = await v.match({ job_description: "## Requirements\n- Lead a team of SREs\n- Kubernetes in production", format: "markdown", limit: 3 });
  for (const c of m.candidates) {
    const met: number = c.coverage.met;
    lines.push(`${c.person}: ${met}/${c.coverage.total}, missing ${c.missing.join("; ")}, best ${c.matched[0]?.text ?? "-"}`);
  }
  lines.push(`must-have weight ${m.weights.must_have}`);

  const fits = await v.jobFits("jordan-lee");
  for (const j of fits.jobs) {
    const c = j.match?.candidates[0];
    lines.push(`${fits.person} fits ${j.title} ${j.fit}%: must-haves ${c?.coverage.must_met ?? 0}/${c?.coverage.must_total ?? 0}${j.error ? ` (${j.error})` : ""}`);
  }

  // @ts-expect-error a job whose description no longer parses has no match
  fits.jobs[0].match.candidates;
  // @ts-expect-error the document has no such field: the types are not any
  res.hits[0].nonexistent;
  // @ts-expect-error mode is an enum
  await v.search({ query: "x", mode: "fuzzy" });
  return lines;
}
