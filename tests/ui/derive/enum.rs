use tensorize::IntoTensor;

#[derive(IntoTensor)]
enum Shape {
    Circle(f32),
    Square(f32),
}

fn main() {}
