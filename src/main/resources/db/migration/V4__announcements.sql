-- Announcements: group boards and the site-wide board, their edit history, and what each
-- member did with them (acknowledged, dismissed the pinned banner). Portable between H2 2.x
-- and PostgreSQL.
-- A site-wide announcement is one without a group (group_id null): posted by administrators,
-- read by everyone (audience PUBLIC) or by every signed-in account (audience MEMBERS).
create sequence gh_announcement_seq start with 50 increment by 50;
create sequence gh_announcement_revision_seq start with 50 increment by 50;
create sequence gh_announcement_receipt_seq start with 50 increment by 50;

create table gh_announcement (
    id bigint primary key,
    group_id bigint references gh_group(id) on delete cascade,
    title varchar(300) not null,
    -- sanitized HTML (allow-list), never what the browser sent
    body text not null,
    author_id bigint not null references gh_account(id),
    -- PUBLIC, MEMBERS or COMMITTEE
    audience varchar(16) not null,
    pinned boolean not null,
    requires_ack boolean not null,
    -- invisible before publish_at (a scheduled announcement), off the board after expires_at
    publish_at timestamp with time zone not null,
    expires_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null
);
create index gh_announcement_group on gh_announcement(group_id, publish_at);
create index gh_announcement_publish on gh_announcement(publish_at);

-- the version an edit replaced, for the committee to see
create table gh_announcement_revision (
    id bigint primary key,
    announcement_id bigint not null references gh_announcement(id) on delete cascade,
    title varchar(300) not null,
    body text not null,
    written_by bigint not null references gh_account(id),
    written_at timestamp with time zone not null,
    replaced_by bigint not null references gh_account(id),
    replaced_at timestamp with time zone not null
);
create index gh_announcement_revision_of on gh_announcement_revision(announcement_id);

-- ACKNOWLEDGED ("I have read this") or DISMISSED (the pinned banner), once per account
create table gh_announcement_receipt (
    id bigint primary key,
    announcement_id bigint not null references gh_announcement(id) on delete cascade,
    account_id bigint not null references gh_account(id) on delete cascade,
    kind varchar(16) not null,
    received_at timestamp with time zone not null,
    constraint gh_announcement_receipt_once unique (announcement_id, account_id, kind)
);
create index gh_announcement_receipt_account on gh_announcement_receipt(account_id);
