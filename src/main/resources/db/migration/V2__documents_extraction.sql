-- Documents, versions, tags; extraction jobs and extracted text. Portable between H2 2.x and PostgreSQL.
create sequence gh_document_seq start with 50 increment by 50;
create sequence gh_document_version_seq start with 50 increment by 50;
create sequence gh_extraction_job_seq start with 50 increment by 50;
create sequence gh_extracted_part_seq start with 50 increment by 50;

create table gh_document (
    id bigint primary key,
    group_id bigint not null references gh_group(id),
    title varchar(300) not null,
    title_by_user boolean not null,
    description varchar(4000),
    -- the newest version's kind (pdf, word, …), kept here so lists filter and sort in the database
    kind varchar(16) not null,
    created_by bigint not null references gh_account(id),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    deleted_at timestamp with time zone
);
create index gh_document_group on gh_document(group_id);

create table gh_document_tag (
    document_id bigint not null references gh_document(id) on delete cascade,
    tag varchar(64) not null,
    primary key (document_id, tag)
);

create table gh_document_version (
    id bigint primary key,
    document_id bigint not null references gh_document(id) on delete cascade,
    number integer not null,
    blob_sha256 varchar(64) not null,
    size_bytes bigint not null,
    media_type varchar(200) not null,
    file_name varchar(255) not null,
    uploaded_by bigint not null references gh_account(id),
    uploaded_at timestamp with time zone not null,
    extraction_state varchar(16) not null,
    extraction_reason varchar(1000),
    meta_author varchar(300),
    meta_created timestamp with time zone,
    meta_language varchar(16),
    meta_pages integer,
    constraint gh_document_version_once unique (document_id, number)
);
create index gh_document_version_blob on gh_document_version(blob_sha256);

-- the queue: a job is due when unfinished and not leased (or its lease expired)
create table gh_extraction_job (
    id bigint primary key,
    version_id bigint not null unique references gh_document_version(id) on delete cascade,
    attempts integer not null,
    lease_until timestamp with time zone,
    created_at timestamp with time zone not null,
    finished_at timestamp with time zone
);
create index gh_extraction_job_due on gh_extraction_job(finished_at, lease_until);

-- extracted text, apart from any index: part 0 is the file itself, then each embedded entry
create table gh_extracted_part (
    id bigint primary key,
    version_id bigint not null references gh_document_version(id) on delete cascade,
    seq integer not null,
    path varchar(1000),
    content text not null
);
create index gh_extracted_part_version on gh_extracted_part(version_id);
