package org.odonata.api.fs;

/**
 * What {@link FsNode#setattr} changes ({@code VOP_SETATTR}); a null field is left as it is. The filesystem sets the
 * change time itself whenever it changes anything.
 *
 * @param mode  new permission bits ({@code 07777})
 * @param uid   new owner
 * @param gid   new group
 * @param size  new size of a regular file: truncates or extends with zeros
 * @param atime new access time, ns since the epoch
 * @param mtime new modification time, ns since the epoch
 */
public record VattrChange(Integer mode, Integer uid, Integer gid, Long size, Long atime, Long mtime) {

    public static VattrChange mode(int mode) {
        return new VattrChange(mode, null, null, null, null, null);
    }

    public static VattrChange owner(Integer uid, Integer gid) {
        return new VattrChange(null, uid, gid, null, null, null);
    }

    public static VattrChange size(long size) {
        return new VattrChange(null, null, null, size, null, null);
    }

    public static VattrChange times(Long atime, Long mtime) {
        return new VattrChange(null, null, null, null, atime, mtime);
    }
}
