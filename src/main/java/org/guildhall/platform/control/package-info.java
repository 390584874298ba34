/** The data folder, the database connection and the schema migrations. */
package org.guildhall.platform.control;
