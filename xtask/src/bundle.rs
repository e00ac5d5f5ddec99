//! `cargo xtask bundle`: a `.deb` for Debian and Ubuntu, laid out by hand and packed by
//! `dpkg-deb`, with its library dependencies computed by `dpkg-shlibdeps` from the
//! binary itself (so WebKitGTK, GTK and the rest are declared at the versions it was
//! linked against). Tauri's own bundler would do the same through `tauri-cli`, whose
//! install compiles several hundred crates: minutes on every fresh CI machine for what
//! two Debian tools already on a build machine do.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::cmd;
use crate::prerequisites::{as_root, dpkg_installed};

/// The package (and executable) name.
pub const PACKAGE: &str = "customer-desk";
const DISPLAY_NAME: &str = "Customer Desk";
const SUMMARY: &str = "Back office for customers, customer groups and B2B companies";
const MAINTAINER: &str = "Customer Desk developers <desk@customerdesk.app>";

/// The icons in `icons/` and the hicolor size each is installed as.
const ICONS: &[(&str, &str)] = &[
    ("32x32.png", "32x32"),
    ("128x128.png", "128x128"),
    ("128x128@2x.png", "256x256"),
    ("icon.png", "512x512"),
];

const DESKTOP_ENTRY: &str = "\
[Desktop Entry]
Type=Application
Name=Customer Desk
GenericName=Customer back office
Comment=Back office for customers, customer groups and B2B companies
Exec=customer-desk
Icon=customer-desk
Terminal=false
Categories=Office;
Keywords=customers;B2B;companies;CRM;
StartupWMClass=customer-desk
";

/// `cargo xtask bundle`: the release build, packed for the system it runs on: a `.deb`
/// on Debian and Ubuntu; on Windows and macOS, Tauri's bundler does it (see
/// [`tauri_bundles`]).
pub fn command(args: &[String]) -> Result<()> {
    if let Some(other) = args.first() {
        bail!("unknown option {other:?}: cargo xtask bundle takes none");
    }
    let root = crate::workspace_root();
    crate::prerequisites::ensure(crate::prerequisites::Purpose::Run)?;
    crate::ui::build(&root)?;
    match std::env::consts::OS {
        "windows" => tauri_bundles(&root, "msi,nsis"),
        "macos" => tauri_bundles(&root, "dmg"),
        _ if crate::prerequisites::is_debian_like() => {
            let binary = crate::run::build_app(&root, crate::run::RELEASE)?;
            let deb = build_deb(&root, &binary)?;
            println!("Install it with: sudo apt install {}", deb.display());
            Ok(())
        }
        other => bail!(
            "no package recipe for {other}: .deb (Debian/Ubuntu), .msi/NSIS (Windows) and .dmg (macOS) only"
        ),
    }
}

/// Windows installers and the macOS disk image, through `cargo tauri build`. The CLI
/// wants `tauri.conf.json` beside the app's own Cargo.toml, while ours sits at the
/// workspace root (where the app's build reads it), so the CLI is given a copy in
/// `src-tauri/` with its paths made relative to that folder. Not run on Linux CI:
/// those bundles can only be made on their own systems.
fn tauri_bundles(root: &Path, bundles: &str) -> Result<()> {
    if cmd::probe(Command::new("cargo").args(["tauri", "--version"])).is_none() {
        bail!(
            "Tauri's CLI makes the Windows and macOS packages; install it first:\n  \
             cargo install tauri-cli --version \"^2\" --locked"
        );
    }
    let config =
        fs::read_to_string(root.join("tauri.conf.json")).context("reading tauri.conf.json")?;
    let mut config: serde_json::Value =
        serde_json::from_str(&config).context("tauri.conf.json is not valid JSON")?;
    let from_app_dir = |path: &serde_json::Value| {
        serde_json::Value::String(format!("../{}", path.as_str().unwrap_or_default()))
    };
    if let Some(dist) = config.pointer_mut("/build/frontendDist") {
        *dist = from_app_dir(dist);
    }
    if let Some(serde_json::Value::Array(icons)) = config.pointer_mut("/bundle/icon") {
        for icon in icons.iter_mut() {
            *icon = from_app_dir(icon);
        }
    }
    let app_dir = root.join("src-tauri");
    fs::write(
        app_dir.join("tauri.conf.json"),
        serde_json::to_string_pretty(&config)?,
    )
    .context("writing src-tauri/tauri.conf.json for the Tauri CLI")?;
    cmd::run(&app_dir, "cargo", ["tauri", "build", "--bundles", bundles])?;
    println!(
        "Packages are in {}",
        root.join("target/release/bundle").display()
    );
    Ok(())
}

/// Builds `target/bundle/deb/customer-desk_<version>_<arch>.deb` around `binary` and
/// returns its path.
pub fn build_deb(root: &Path, binary: &Path) -> Result<PathBuf> {
    cmd::step("Packing the .deb");
    let arch = cmd::probe(Command::new("dpkg").arg("--print-architecture"))
        .map(|arch| arch.trim().to_owned())
        .context("dpkg is needed to build a .deb (Debian or Ubuntu only)")?;
    let version = env!("CARGO_PKG_VERSION");
    let out = root.join("target").join("bundle").join("deb");
    let tree = out.join(format!("{PACKAGE}_{version}_{arch}"));
    if tree.exists() {
        fs::remove_dir_all(&tree).context("clearing the previous package tree")?;
    }

    let bin_dir = tree.join("usr/bin");
    fs::create_dir_all(&bin_dir)?;
    let installed_binary = bin_dir.join(PACKAGE);
    fs::copy(binary, &installed_binary).with_context(|| format!("copying {}", binary.display()))?;
    // Debian packages ship without debug information; the symbols stay, so a
    // backtrace still names functions.
    cmd::run(
        root,
        "strip",
        ["--strip-debug".as_ref(), installed_binary.as_os_str()],
    )?;

    let applications = tree.join("usr/share/applications");
    fs::create_dir_all(&applications)?;
    fs::write(
        applications.join(format!("{PACKAGE}.desktop")),
        DESKTOP_ENTRY,
    )?;
    for (file, size) in ICONS {
        let dir = tree.join(format!("usr/share/icons/hicolor/{size}/apps"));
        fs::create_dir_all(&dir)?;
        fs::copy(
            root.join("icons").join(file),
            dir.join(format!("{PACKAGE}.png")),
        )
        .with_context(|| format!("copying icons/{file}"))?;
    }
    let doc = tree.join(format!("usr/share/doc/{PACKAGE}"));
    fs::create_dir_all(&doc)?;
    fs::write(
        doc.join("copyright"),
        format!("{DISPLAY_NAME}\nLicense: {}\n", env!("CARGO_PKG_LICENSE")),
    )?;

    let depends = library_dependencies(&out, &installed_binary)?;
    let control = tree.join("DEBIAN");
    fs::create_dir_all(&control)?;
    fs::write(
        control.join("control"),
        format!(
            "Package: {PACKAGE}\n\
             Version: {version}\n\
             Architecture: {arch}\n\
             Maintainer: {MAINTAINER}\n\
             Installed-Size: {}\n\
             Depends: {depends}\n\
             Section: misc\n\
             Priority: optional\n\
             Description: {SUMMARY}\n \
             {DISPLAY_NAME} keeps customer records, customer groups and B2B companies\n \
             in a local SQLite file or on a shared Postgres server, for back-office\n \
             staff, reviewers working offline and sales reps.\n",
            size_in_kib(&tree)?
        ),
    )?;

    let deb = out.join(format!("{PACKAGE}_{version}_{arch}.deb"));
    cmd::run(
        root,
        "dpkg-deb",
        [
            "--build".as_ref(),
            "--root-owner-group".as_ref(),
            tree.as_os_str(),
            deb.as_os_str(),
        ],
    )?;
    let size = fs::metadata(&deb).map(|meta| meta.len()).unwrap_or(0);
    println!(
        "{} ({:.1} MB); depends on: {depends}",
        deb.display(),
        size as f64 / 1_048_576.0
    );
    Ok(deb)
}

/// The `Depends:` line for the shared libraries `binary` links, from the package
/// database: what `dh_shlibdeps` would write.
fn library_dependencies(out: &Path, binary: &Path) -> Result<String> {
    if !cmd::on_path("dpkg-shlibdeps") {
        bail!(
            "dpkg-shlibdeps is needed to declare the package's dependencies: apt-get install dpkg-dev"
        );
    }
    // dpkg-shlibdeps reads the source package's name from debian/control.
    let work = out.join("shlibdeps");
    fs::create_dir_all(work.join("debian"))?;
    fs::write(
        work.join("debian/control"),
        format!("Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n"),
    )?;
    let printed = cmd::probe(
        Command::new("dpkg-shlibdeps")
            .arg("-O")
            .arg(format!("-e{}", binary.display()))
            .current_dir(&work),
    )
    .context("dpkg-shlibdeps could not resolve the binary's libraries")?;
    let depends = printed
        .lines()
        .find_map(|line| line.strip_prefix("shlibs:Depends="))
        .map(str::trim)
        .filter(|depends| !depends.is_empty())
        .context("dpkg-shlibdeps printed no dependencies")?;
    if !depends.contains("libwebkit2gtk-4.1") {
        bail!("the binary does not link WebKitGTK 4.1? dpkg-shlibdeps said: {depends}");
    }
    Ok(depends.to_owned())
}

fn size_in_kib(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            size_in_kib(&entry.path())? * 1024
        } else {
            meta.len()
        };
    }
    Ok(total.div_ceil(1024))
}

/// The command that installs the package with dpkg (which refuses it when a declared
/// dependency is missing), as root or through sudo.
pub fn install_command(deb: &Path) -> Result<Command> {
    let mut command = as_root(&["dpkg", "-i"], "installing the package needs root")?;
    command.arg(deb);
    Ok(command)
}

/// Removes the package again.
pub fn remove(root: &Path) -> Result<()> {
    cmd::run_command(
        as_root(&["dpkg", "-r", PACKAGE], "removing the package needs root")?.current_dir(root),
    )
}

/// Whether the package is installed now.
pub fn installed() -> bool {
    dpkg_installed(PACKAGE)
}
