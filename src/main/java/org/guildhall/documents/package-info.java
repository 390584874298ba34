/** Documents, their versions, tags and trash; the upload policy; the content-addressed blob store. */
package org.guildhall.documents;
