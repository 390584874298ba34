-- The change sequence (DESIGN.md rule 3): every change to indexed content takes the next number
-- in the transaction that makes it. The search index records in each commit the number it
-- covers and replays what came after; its entries carry the number they were built from, which
-- is how the consistency check sees a stale entry. Only the newest row per entity is kept.
-- Increment 1 and no pre-allocation: numbers from several nodes must interleave in time order.
create sequence gh_content_change_seq start with 1 increment by 1;

create table gh_content_change (
    seq bigint primary key,
    kind varchar(16) not null,
    entity_id bigint not null,
    changed_at timestamp with time zone not null
);
create index gh_content_change_entity on gh_content_change(kind, entity_id);
create index gh_content_change_time on gh_content_change(changed_at);
