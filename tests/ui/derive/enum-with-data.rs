use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(one_hot)]
enum Shape {
    Circle(f32),
    Square { side: f32 },
    Point,
}

fn main() {}
