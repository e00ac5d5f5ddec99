//! The memory a running app costs: the app process and every process it started
//! (WebKitGTK's web and network processes), read from Linux's `/proc`.

/// Memory of a process tree, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeMemory {
    /// How many processes the tree has.
    pub processes: usize,
    /// The sum of each process's resident set: shared libraries count once per process,
    /// so this is the pessimistic figure.
    pub resident: u64,
    /// The sum of each process's proportional set: shared pages split between all
    /// the processes that map them, in this tree or not.
    pub proportional: u64,
    /// What the tree holds in memory: every process's private pages, plus the shared
    /// pages of each mapped file once (the largest resident part any process of the
    /// tree maps). The headline figure.
    pub tree: u64,
}

/// The memory of the first process named `name` below `ancestor` (say, the driver that
/// launched the app), together with all of its descendants. `None` where `/proc` is
/// not available or no such process runs.
pub fn memory_of_descendant(ancestor: u32, name: &str) -> Option<TreeMemory> {
    imp::memory_of_descendant(ancestor, name)
}

#[cfg(target_os = "linux")]
mod imp {
    use std::collections::HashMap;

    use super::TreeMemory;

    /// (pid, parent pid, command name) of every process.
    fn processes() -> Vec<(u32, u32, String)> {
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter_map(|pid| {
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
                // "pid (comm) state ppid …": the name may hold spaces and parentheses,
                // so split at the last closing parenthesis.
                let open = stat.find('(')?;
                let close = stat.rfind(')')?;
                let name = stat[open + 1..close].to_owned();
                let parent = stat[close + 1..].split_whitespace().nth(1)?.parse().ok()?;
                Some((pid, parent, name))
            })
            .collect()
    }

    fn descendants(root: u32, children: &HashMap<u32, Vec<u32>>) -> Vec<u32> {
        let mut found = vec![root];
        let mut index = 0;
        while index < found.len() {
            if let Some(kids) = children.get(&found[index]) {
                found.extend(kids);
            }
            index += 1;
        }
        found
    }

    /// A `kB` figure from a `/proc` file with "Label:   1234 kB" lines, in bytes.
    fn kilobytes(path: &str, label: &str) -> u64 {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| {
                text.lines()
                    .find_map(|line| line.strip_prefix(label))
                    .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
            })
            .map_or(0, |kb| kb * 1024)
    }

    /// Private pages of every process plus each file's shared pages once, from
    /// `/proc/<pid>/smaps` ("Rss:", "Private_Clean:", "Private_Dirty:" per mapping).
    fn shared_once(tree: &[u32]) -> u64 {
        let mut private = 0;
        let mut shared_files: HashMap<String, u64> = HashMap::new();
        let mut shared_anonymous = 0;
        for pid in tree {
            let Ok(smaps) = std::fs::read_to_string(format!("/proc/{pid}/smaps")) else {
                continue;
            };
            let mut file: Option<String> = None;
            let (mut rss, mut own) = (0, 0);
            let mut settle = |file: &Option<String>, rss: u64, own: u64| {
                private += own;
                let shared = rss.saturating_sub(own);
                match file {
                    Some(name) => {
                        let entry = shared_files.entry(name.clone()).or_default();
                        *entry = (*entry).max(shared);
                    }
                    None => shared_anonymous += shared,
                }
            };
            for line in smaps.lines() {
                let mut fields = line.split_whitespace();
                let first = fields.next().unwrap_or_default();
                if first.contains('-') && !first.ends_with(':') {
                    // A new mapping: "start-end perms offset dev inode [path]".
                    settle(&file, rss, own);
                    (rss, own) = (0, 0);
                    file = fields.nth(4).map(str::to_owned);
                } else {
                    let kb = fields
                        .next()
                        .and_then(|kb| kb.parse::<u64>().ok())
                        .unwrap_or(0);
                    match first {
                        "Rss:" => rss = kb * 1024,
                        "Private_Clean:" | "Private_Dirty:" => own += kb * 1024,
                        _ => {}
                    }
                }
            }
            settle(&file, rss, own);
        }
        private + shared_anonymous + shared_files.values().sum::<u64>()
    }

    pub fn memory_of_descendant(ancestor: u32, name: &str) -> Option<TreeMemory> {
        let all = processes();
        let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
        for (pid, parent, _) in &all {
            children.entry(*parent).or_default().push(*pid);
        }
        let names: HashMap<u32, &str> = all
            .iter()
            .map(|(pid, _, name)| (*pid, name.as_str()))
            .collect();
        let app = descendants(ancestor, &children)
            .into_iter()
            .find(|pid| names.get(pid).is_some_and(|found| *found == name))?;
        let tree = descendants(app, &children);
        Some(TreeMemory {
            processes: tree.len(),
            tree: shared_once(&tree),
            resident: tree
                .iter()
                .map(|pid| kilobytes(&format!("/proc/{pid}/status"), "VmRSS:"))
                .sum(),
            proportional: tree
                .iter()
                .map(|pid| kilobytes(&format!("/proc/{pid}/smaps_rollup"), "Pss:"))
                .sum(),
        })
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::TreeMemory;

    pub fn memory_of_descendant(_ancestor: u32, _name: &str) -> Option<TreeMemory> {
        None
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::memory_of_descendant;

    #[test]
    fn a_child_process_and_its_memory_are_found_below_this_one() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("starts sleep");
        let memory = memory_of_descendant(std::process::id(), "sleep");
        child.kill().expect("stops sleep");
        child.wait().expect("reaps sleep");
        let memory = memory.expect("finds the sleep process below this test");
        assert_eq!(memory.processes, 1);
        assert!(memory.resident > 0, "a running process has resident pages");
        assert!(memory.proportional > 0 && memory.proportional <= memory.resident);
        assert!(memory.tree > 0 && memory.tree <= memory.resident);
    }

    #[test]
    fn nothing_is_found_below_a_process_without_such_a_child() {
        assert_eq!(
            memory_of_descendant(std::process::id(), "no-such-program"),
            None
        );
    }
}
