use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(transparent)]
struct Image {
    pixels: [[u8; 3]; 4],
    label: u8,
}

fn main() {}
