use tensorize::IntoTensor;

#[derive(IntoTensor)]
union Bits {
    f: f32,
    u: u32,
}

fn main() {}
