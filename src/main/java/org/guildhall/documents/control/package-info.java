/** Storing, versioning, listing and trashing documents; what an upload must be; where the bytes live. */
package org.guildhall.documents.control;
