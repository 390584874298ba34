-- Accounts, API tokens, groups and memberships. Portable between H2 2.x and PostgreSQL.
create sequence gh_account_seq start with 50 increment by 50;
create sequence gh_api_token_seq start with 50 increment by 50;
create sequence gh_group_seq start with 50 increment by 50;
create sequence gh_membership_seq start with 50 increment by 50;

create table gh_account (
    id bigint primary key,
    username varchar(64) not null unique,
    display_name varchar(200) not null,
    email varchar(254),
    password_hash varchar(200) not null,
    admin boolean not null default false,
    enabled boolean not null default true,
    created_at timestamp with time zone not null
);

create table gh_api_token (
    id bigint primary key,
    account_id bigint not null references gh_account(id) on delete cascade,
    name varchar(100) not null,
    secret_hash varchar(64) not null unique,
    scope varchar(10) not null,
    created_at timestamp with time zone not null,
    last_used_at timestamp with time zone
);
create index gh_api_token_account on gh_api_token(account_id);

create table gh_group (
    id bigint primary key,
    slug varchar(64) not null unique,
    name varchar(200) not null,
    description varchar(4000),
    visibility varchar(16) not null,
    join_policy varchar(16) not null,
    members_may_upload boolean not null default false,
    created_at timestamp with time zone not null
);

create table gh_membership (
    id bigint primary key,
    group_id bigint not null references gh_group(id) on delete cascade,
    account_id bigint not null references gh_account(id) on delete cascade,
    role varchar(16) not null,
    status varchar(16) not null,
    created_at timestamp with time zone not null,
    constraint gh_membership_once unique (group_id, account_id)
);
create index gh_membership_account on gh_membership(account_id);
