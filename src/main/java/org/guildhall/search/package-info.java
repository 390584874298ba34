/** The Lucene index of everything a member may read: field mapping, writer and searcher lifecycle, queries with the permission filter inside, facets, highlights and suggestions. */
package org.guildhall.search;
