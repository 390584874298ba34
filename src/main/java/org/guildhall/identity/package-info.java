/** Accounts, password hashing, login and logout, the site role ADMIN, and personal API tokens. */
package org.guildhall.identity;
