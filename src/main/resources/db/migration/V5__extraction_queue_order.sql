-- The extraction queue takes its due jobs oldest first. With the index on (finished_at,
-- lease_until), H2 read every unfinished job and sorted them for each claim: with 75,000 jobs
-- waiting (the search benchmark's 100,000 uploads, issue 6) a claim took a quarter of a second
-- and extraction slowed to 5 documents a second. On (finished_at, id) the unfinished jobs are
-- in id order already: a claim reads the first few. Portable between H2 2.x and PostgreSQL.
drop index gh_extraction_job_due;
create index gh_extraction_job_queue on gh_extraction_job(finished_at, id);
