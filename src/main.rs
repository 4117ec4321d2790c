fn main() {
    arxiv_explorer::start();
}
