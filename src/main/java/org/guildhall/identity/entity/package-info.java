/** Accounts and the tokens that act for them. */
package org.guildhall.identity.entity;
