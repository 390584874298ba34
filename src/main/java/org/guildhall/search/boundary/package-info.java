/** What the outside calls into search: the search API, the search page and the header's search box, the index's admin page. */
package org.guildhall.search.boundary;
