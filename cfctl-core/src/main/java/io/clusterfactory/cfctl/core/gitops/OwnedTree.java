package io.clusterfactory.cfctl.core.gitops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Builds, in memory, the tree of a commit whose owned folder is replaced by the rendered files and
 * whose other files are those of the base commit. No working tree is involved, so line-ending or
 * file-mode settings cannot alter the content, and comparing tree ids tells exactly whether
 * anything changed.
 */
final class OwnedTree {
  private OwnedTree() {}

  /**
   * @param treeId the new root tree
   * @param unchanged true when it equals the base commit's tree (or nothing to publish on a new
   *     branch)
   */
  record Composition(
      ObjectId treeId,
      boolean unchanged,
      List<String> added,
      List<String> changed,
      List<String> removed) {}

  /**
   * @param base the base commit, null when the branch does not exist yet
   * @param folder the owned folder, e.g. {@code clusters/lab}
   * @param files rendered files relative to the folder
   */
  static Composition compose(
      Repository repo, ObjectId base, String folder, SortedMap<String, byte[]> files)
      throws IOException {
    String prefix = folder + "/";
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    Map<String, ObjectId> before = new TreeMap<>();
    ObjectId baseTree = null;
    try (ObjectInserter inserter = repo.newObjectInserter();
        RevWalk walk = new RevWalk(repo)) {
      if (base != null) {
        RevCommit commit = walk.parseCommit(base);
        baseTree = commit.getTree();
        try (TreeWalk tree = new TreeWalk(repo)) {
          tree.addTree(baseTree);
          tree.setRecursive(true);
          while (tree.next()) {
            String path = tree.getPathString();
            if (path.startsWith(prefix)) {
              before.put(path.substring(prefix.length()), tree.getObjectId(0));
            } else if (!path.equals(folder)) {
              DirCacheEntry entry = new DirCacheEntry(path);
              entry.setFileMode(tree.getFileMode(0));
              entry.setObjectId(tree.getObjectId(0));
              builder.add(entry);
            }
          }
        }
      }
      List<String> added = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue());
        DirCacheEntry entry = new DirCacheEntry(prefix + file.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(blob);
        builder.add(entry);
        ObjectId old = before.get(file.getKey());
        if (old == null) {
          added.add(file.getKey());
        } else if (!old.equals(blob)) {
          changed.add(file.getKey());
        }
      }
      List<String> removed = new ArrayList<>();
      for (String path : before.keySet()) {
        if (!files.containsKey(path)) {
          removed.add(path);
        }
      }
      builder.finish();
      ObjectId treeId = index.writeTree(inserter);
      inserter.flush();
      boolean unchanged = baseTree == null ? files.isEmpty() : treeId.equals(baseTree);
      return new Composition(treeId, unchanged, added, changed, removed);
    }
  }

  /** The files under {@code folder} at {@code commit}, relative to the folder. */
  static SortedMap<String, byte[]> read(Repository repo, ObjectId commit, String folder)
      throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    String prefix = folder + "/";
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        TreeWalk tree = new TreeWalk(repo, reader)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      tree.setFilter(PathFilter.create(folder));
      while (tree.next()) {
        String path = tree.getPathString();
        if (path.startsWith(prefix) && tree.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
          files.put(path.substring(prefix.length()), reader.open(tree.getObjectId(0)).getBytes());
        }
      }
    }
    return files;
  }
}
