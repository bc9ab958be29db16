/**
 * Files on the machine cfctl runs on (not on the hosts): their sha256, cached across runs by the
 * file's identity (path, size, mtime, ctime, device, inode), so a no-op re-apply does not re-read a
 * 100 MB k0s binary.
 */
package io.clusterfactory.cfctl.k0s.local;
