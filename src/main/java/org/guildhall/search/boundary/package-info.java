/** What the outside calls into search: the search API. */
package org.guildhall.search.boundary;
