/** Container-free search logic: what a document becomes in the index, how a typed query is read and built, and how one index directory is written and searched. */
package org.guildhall.search.control;
