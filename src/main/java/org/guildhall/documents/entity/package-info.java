/** A document, its versions, and the states its text extraction goes through. */
package org.guildhall.documents.entity;
