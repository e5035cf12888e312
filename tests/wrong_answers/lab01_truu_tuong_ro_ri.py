"""Plausible wrong answers for solutions/lab01_truu_tuong_ro_ri.ipynb (format: see __init__.py).

Each entry replaces the solution regions of the question's last solution cell, in order;
None keeps the solution's region.
"""

from __future__ import annotations


def _swap(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; fails loudly if ``old`` is absent (keeps this list honest)."""
    if old not in text:
        raise ValueError(f"wrong-answer template does not contain {old!r}")
    return text.replace(old, new)


# ---------------------------------------------------------------- Câu 1: MLP forward/backward
_FORWARD = """
Z1 = X @ params["W1"] + params["b1"]
A1 = torch.relu(Z1)
logits = A1 @ params["W2"] + params["b2"]
cache = {"X": X, "Z1": Z1, "A1": A1, "logits": logits}
"""

_BACKWARD = """
X, Z1, A1, logits = cache["X"], cache["Z1"], cache["A1"], cache["logits"]
n = X.shape[0]
dZ2 = torch.softmax(logits, dim=1)
dZ2[torch.arange(n, device=dZ2.device), y] -= 1.0
dZ2 = dZ2 / n
dA1 = dZ2 @ params["W2"].T
dZ1 = dA1 * (Z1 > 0)
grads = {
    "W1": X.T @ dZ1,
    "b1": dZ1.sum(dim=0),
    "W2": A1.T @ dZ2,
    "b2": dZ2.sum(dim=0),
}
"""

_BACKWARD_WITH_AUTOGRAD = """
leaf = {k: v.detach().clone().requires_grad_(True) for k, v in params.items()}
logits = torch.relu(cache["X"] @ leaf["W1"] + leaf["b1"]) @ leaf["W2"] + leaf["b2"]
cross_entropy(logits, y).backward()
grads = {k: v.grad for k, v in leaf.items()}
"""

# ---------------------------------------------------------------- Câu 2: gradient checker
_NUMERICAL = """
grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
for i in range(x.numel()):
    step = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
    step.view(-1)[i] = eps
    grad.view(-1)[i] = (float(f(x + step)) - float(f(x - step))) / (2 * eps)
"""

_NUMERICAL_IN_PLACE_NOT_RESTORED = """
grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)
flat = x.view(-1)
for i in range(x.numel()):
    flat[i] += eps
    f_plus = float(f(x))
    flat[i] -= 2 * eps
    f_minus = float(f(x))
    grad.view(-1)[i] = (f_plus - f_minus) / (2 * eps)
"""

_CHECK_ABSOLUTE = """
for name, value in params.items():
    def loss_of(t, name=name):
        return loss_fn({**params, name: t})

    numeric = numerical_gradient(loss_of, value, eps)
    errors[name] = (analytic_grads[name] - numeric).abs().max().item()
"""

# ---------------------------------------------------------------- Câu 3: stable softmax
_SOFTMAX = """
shifted = logits - logits.amax(dim=dim, keepdim=True)
exps = torch.exp(shifted)
probs = exps / exps.sum(dim=dim, keepdim=True)
"""

_LOG_SOFTMAX = """
shifted = logits - logits.amax(dim=dim, keepdim=True)
log_probs = shifted - torch.log(torch.exp(shifted).sum(dim=dim, keepdim=True))
"""

# ---------------------------------------------------------------- Câu 4: broadcasting in the loss
_MSE_CHECKED = """
def as_column_vector(t):
    if t.ndim == 1:
        return t
    if t.ndim == 2 and t.shape[1] == 1:
        return t[:, 0]
    return None

p, t = as_column_vector(pred), as_column_vector(target)
if p is None or t is None or p.shape[0] != t.shape[0]:
    raise ValueError(f"dạng sai: pred {tuple(pred.shape)}, target {tuple(target.shape)}")
loss = ((p - t) ** 2).mean()
"""

# ---------------------------------------------------------------- Câu 6: train/eval
_EVAL_LOOP = """
for start in range(0, len(X), batch_size):
    logits = model(X[start:start + batch_size])
    correct += (logits.argmax(dim=1) == y[start:start + batch_size]).sum().item()
"""


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else line for line in text.strip("\n").split("\n"))


WRONG_ANSWERS: dict[str, list[tuple[str, str | list[str | None]]]] = {
    "1": [
        ("backward quên mặt nạ ReLU", [None, _swap(_BACKWARD, "dZ1 = dA1 * (Z1 > 0)", "dZ1 = dA1")]),
        ("backward quên chia cho N", [None, _swap(_BACKWARD, "dZ2 = dZ2 / n\n", "")]),
        ("hệ số điều chỉnh dùng mean: chia N hai lần",
         [None, _swap(_swap(_BACKWARD, '"b1": dZ1.sum(dim=0)', '"b1": dZ1.mean(dim=0)'),
                      '"b2": dZ2.sum(dim=0)', '"b2": dZ2.mean(dim=0)')]),
        ("gradient trọng số bị chuyển vị",
         [None, _swap(_swap(_BACKWARD, '"W1": X.T @ dZ1', '"W1": dZ1.T @ X'), '"W2": A1.T @ dZ2', '"W2": dZ2.T @ A1')]),
        ("quên trừ one-hot của nhãn", [None, _swap(_BACKWARD, "dZ2[torch.arange(n, device=dZ2.device), y] -= 1.0\n", "")]),
        ("forward quên hệ số điều chỉnh b2", [_swap(_FORWARD, ' + params["b2"]', ""), None]),
        ("quên chuyển vị W2 khi đi ngược: dZ2 @ W2", [None, _swap(_BACKWARD, 'dZ2 @ params["W2"].T', 'dZ2 @ params["W2"]')]),
        ("backward gọi autograd thay vì tự viết", [None, _BACKWARD_WITH_AUTOGRAD]),
        ("gradient của b1 giữ keepdim=True: dạng (1, H)",
         [None, _swap(_BACKWARD, '"b1": dZ1.sum(dim=0)', '"b1": dZ1.sum(dim=0, keepdim=True)')]),
        ("gradient của b2 không cộng theo mẫu: dạng (N, C)", [None, _swap(_BACKWARD, '"b2": dZ2.sum(dim=0)', '"b2": dZ2')]),
    ],
    "2": [
        ("sai phân tiến thay vì trung tâm",
         [_swap(_NUMERICAL, "(float(f(x + step)) - float(f(x - step))) / (2 * eps)",
                "(float(f(x + step)) - float(f(x))) / eps"), None]),
        ("chia cho eps thay vì 2·eps", [_swap(_NUMERICAL, "/ (2 * eps)", "/ eps"), None]),
        ("bước cố định 1e-2, bỏ qua eps",
         [_swap(_swap(_NUMERICAL, "step.view(-1)[i] = eps", "step.view(-1)[i] = 1e-2"), "/ (2 * eps)", "/ (2 * 1e-2)"),
          None]),
        ("bước quá nhỏ 1e-12, bỏ qua eps",
         [_swap(_swap(_NUMERICAL, "step.view(-1)[i] = eps", "step.view(-1)[i] = 1e-12"), "/ (2 * eps)",
                "/ (2 * 1e-12)"), None]),
        ("sửa x tại chỗ và không trả lại giá trị cũ", [_NUMERICAL_IN_PLACE_NOT_RESTORED, None]),
        ("kết quả tạo bằng torch.zeros mặc định: float32",
         [_swap(_NUMERICAL, "grad = torch.zeros(x.shape, dtype=x.dtype, device=x.device)",
                "grad = torch.zeros(x.shape, device=x.device)"), None]),
        ("gradient_check dùng sai số tuyệt đối", [None, _CHECK_ABSOLUTE]),
    ],
    "3": [
        ("softmax ngây thơ, không trừ max",
         ["exps = torch.exp(logits)\nprobs = exps / exps.sum(dim=dim, keepdim=True)", None]),
        ("trừ max toàn cục thay vì max theo chiều dim",
         [_swap(_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.max()"),
          _swap(_LOG_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.max()")]),
        ("lấy max theo sai chiều (luôn dim=-1)",
         [_swap(_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.amax(dim=-1, keepdim=True)"), None]),
        ("lấy max thiếu keepdim=True",
         [_swap(_SOFTMAX, "logits.amax(dim=dim, keepdim=True)", "logits.amax(dim=dim)"), None]),
        ("log-softmax = log(softmax(z))", [None, "log_probs = torch.log(stable_softmax(logits, dim=dim))"]),
        ("log-softmax không trừ max",
         [None, "log_probs = logits - torch.log(torch.exp(logits).sum(dim=dim, keepdim=True))"]),
        ("trừ max tại chỗ, sửa logits của người gọi",
         [_swap(_SOFTMAX, "shifted = logits - logits.amax(dim=dim, keepdim=True)",
                "shifted = logits.sub_(logits.amax(dim=dim, keepdim=True))"), None]),
        ("gọi torch.log_softmax có sẵn", [None, "log_probs = torch.log_softmax(logits, dim=dim)"]),
    ],
    "4": [
        ("giữ nguyên lỗi broadcasting", ["shape = (n, n)", "loss = ((pred - target) ** 2).mean()"]),
        ("squeeze nhầm tensor (target đã là (N,))", [None, "loss = ((pred - target.squeeze()) ** 2).mean()"]),
        ("unsqueeze target thành (1, N): vẫn ra (N, N)", [None, "loss = ((pred - target.unsqueeze(0)) ** 2).mean()"]),
        ("pred.squeeze() không kiểm tra dạng", [None, "loss = ((pred.squeeze() - target.squeeze()) ** 2).mean()"]),
        ("sửa đúng dạng nhưng trả về tensor dạng (1,)",
         [None, _swap(_MSE_CHECKED, "loss = ((p - t) ** 2).mean()", "loss = ((p - t) ** 2).mean(dim=0, keepdim=True)")]),
        ("dự đoán dạng lỗi là (n, 1)", ["shape = (n, 1)", None]),
    ],
    "5": [
        ("cận mỗi tầng 0.5 (nhầm σ(0) với σ'(0))", ["PER_LAYER_BOUND = 0.5", None, None]),
        ("cận mỗi tầng 1 (nghĩ sigmoid không làm teo gradient)", ["PER_LAYER_BOUND = 1.0", None, None]),
        ("cận tuyến tính theo độ sâu thay vì lũy thừa", [None, "bound = PER_LAYER_BOUND * depth", None]),
        ("chỉ lấy đạo hàm của tầng cuối",
         [None, None, "s = sigmoid_stack(x, depth)\ngrad = s * (1 - s)"]),
        ("dùng chính x làm tensor lá: sửa x và cộng dồn .grad",
         [None, None, "x.requires_grad_(True)\nsigmoid_stack(x, depth).sum().backward()\ngrad = x.grad.detach().clone()"]),
        ("trả về giá trị lượt truyền xuôi thay vì gradient",
         [None, None, "grad = sigmoid_stack(x, depth).detach()"]),
        ("trả về gradient còn gắn đồ thị (create_graph=True)",
         [None, None, "x_leaf = x.detach().clone().requires_grad_(True)\n"
                      "grad = torch.autograd.grad(sigmoid_stack(x_leaf, depth).sum(), x_leaf, create_graph=True)[0]"]),
        ("đo trên bản float32 của x",
         [None, None, "x_leaf = x.detach().float().requires_grad_(True)\n"
                      "sigmoid_stack(x_leaf, depth).sum().backward()\ngrad = x_leaf.grad.detach()"]),
    ],
    "6": [
        ("giữ nguyên: đánh giá ở chế độ train", _EVAL_LOOP),
        ("chỉ thêm torch.no_grad(), vẫn ở chế độ train",
         "with torch.no_grad():\n" + _indent(_EVAL_LOOP, "    ")),
        ("đặt seed thay vì chuyển sang eval",
         "torch.manual_seed(0)\nwith torch.no_grad():\n" + _indent(_EVAL_LOOP, "    ")),
        ("model.eval() nhưng không có torch.no_grad()",
         "was_training = model.training\nmodel.eval()\n" + _EVAL_LOOP.strip("\n") + "\nmodel.train(was_training)"),
        ("model.eval() + no_grad nhưng không trả lại chế độ cũ",
         "model.eval()\nwith torch.no_grad():\n" + _indent(_EVAL_LOOP, "    ")),
        ("model.train() vô điều kiện ở cuối",
         "model.eval()\nwith torch.no_grad():\n" + _indent(_EVAL_LOOP, "    ") + "\nmodel.train()"),
        ("đúng hết nhưng gọi thẳng model.forward(...)",
         "was_training = model.training\nmodel.eval()\ntry:\n    with torch.no_grad():\n"
         + _indent(_swap(_EVAL_LOOP, "model(X[", "model.forward(X["), "        ")
         + "\nfinally:\n    model.train(was_training)"),
    ],
}
