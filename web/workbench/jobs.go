package workbench

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"vitae"
)

// Job is a stored job description: the text a match parses, kept so a
// candidate's page can show the jobs they fit.
type Job struct {
	ID             string    `json:"id"`
	Title          string    `json:"title"`
	JobDescription string    `json:"job_description"`
	Format         string    `json:"format,omitempty"` // "" (detect), text, markdown, html or json
	Created        time.Time `json:"created"`
}

func jobCreated(j *Job) time.Time { return j.Created }

// Jobs returns every stored job description, oldest first.
func (s *Store) Jobs() ([]Job, error) {
	var out []Job
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = all(tx, bucketJobs, jobCreated)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	return out, nil
}

// Job returns one stored job description; ENOTFOUND when there is none.
func (s *Store) Job(id string) (*Job, error) {
	var out *Job
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		out, err = get[Job](tx, bucketJobs, id, "job")
		return err
	})
	return out, err
}

// SaveJob stores j under a new ID, unless a job with the same title and
// text is stored already: then it returns that job and created false, so
// a client that sends the same job twice (a retry, a second click) keeps
// one. The same text under another title is ECONFLICT, naming the job
// stored; the format is not compared, and the stored job is returned as
// stored. The caller checks that the text parses into requirements and
// normalizes its lines (match.NewJob), so CRLF and LF copies are one job;
// here only sizes and the format's name are checked.
func (s *Store) SaveJob(j Job) (saved *Job, created bool, err error) {
	if j.Title, err = text("title", j.Title, MaxName, true); err != nil {
		return nil, false, err
	}
	if j.JobDescription, err = text("job_description", j.JobDescription, MaxJobDescription, true); err != nil {
		return nil, false, err
	}
	if !validFormat[j.Format] {
		return nil, false, vitae.Errorf(vitae.EINVALID, "format %q: want text, markdown, html or json", j.Format)
	}
	j.ID, j.Created = newID(), s.now()
	err = s.db.Update(func(tx *bolt.Tx) error {
		stored, err := all(tx, bucketJobs, jobCreated)
		if err != nil {
			return err
		}
		for _, old := range stored {
			if old.JobDescription != j.JobDescription {
				continue
			}
			if old.Title == j.Title {
				saved = &old
				return nil
			}
			// One posting under two titles would be two entries in every
			// list of the jobs a person fits, each with the same score.
			return vitae.Errorf(vitae.ECONFLICT, "this job description is stored already as %q (%s); delete that job to store it under another title", old.Title, old.ID)
		}
		if len(stored) >= MaxJobs {
			return vitae.Errorf(vitae.ETOOLARGE, "at most %d jobs are stored: delete one first (vitae jobs rm ID, DELETE /api/v1/jobs/{id}; the IDs are in vitae jobs list)", MaxJobs)
		}
		saved, created = &j, true
		return put(tx, bucketJobs, j.ID, j)
	})
	if err != nil {
		return nil, false, fmt.Errorf("save job: %w", err)
	}
	return saved, created, nil
}

// DeleteJob removes a stored job description; ENOTFOUND when there is none.
func (s *Store) DeleteJob(id string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return remove(tx, bucketJobs, id, "job") })
}

var validFormat = map[string]bool{"": true, "text": true, "markdown": true, "html": true, "json": true}
