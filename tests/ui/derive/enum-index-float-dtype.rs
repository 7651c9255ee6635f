use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(index, dtype = f32)]
enum Weekday {
    Mon,
    Tue,
}

fn main() {}
