/** The group directory, the group page and its management, the home page's groups, and the groups API. */
package org.guildhall.groups.boundary;
