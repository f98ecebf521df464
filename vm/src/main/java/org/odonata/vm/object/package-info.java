/** VM objects ({@code vm_object}): the pages and swap slots of an anonymous region or a file. */
package org.odonata.vm.object;
