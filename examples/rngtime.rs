fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let t = std::time::Instant::now();
    let s = teikit::validate::Schema::load(&path);
    println!("load {:?} {:?}", t.elapsed(), s.as_ref().err());
    if let Ok(s) = s {
        for f in std::env::args().skip(2) {
            let t = std::time::Instant::now();
            let v = s
                .validate_reader(std::io::BufReader::new(std::fs::File::open(&f).unwrap()))
                .unwrap();
            println!("{f}: {} violations in {:?}", v.len(), t.elapsed());
            for x in v.iter().take(5) {
                println!("  {}:{} {} {}", x.line, x.column, x.code, x.message);
            }
        }
    }
}
