"""Plausible wrong answers and correct alternatives for Lab 00 (see tests/wrong_answers/__init__.py).

Entries marked NEW were written for issue 7 from its classes of answers that got through:
one input or one parameter value tested, errors checked on one bad input with the message
unread, side effects on the caller's tensors, and "use autograd" passed by a hand formula.
"""

GUARD_2 = "if images.dim() != 4:\n    raise ValueError(f'Cần tensor 4 chiều, nhận được {images.dim()} chiều.')\n"
GUARD_4 = ("w = w.detach().clone().requires_grad_(True)\nvalue = f(w)\nif value.dim() != 0:\n"
           "    raise ValueError('f(w) phải là số vô hướng.')\n")
GUARD_5 = ("if not isinstance(steps, int) or steps < 0:\n"
           "    raise ValueError(f'Số bước phải là số nguyên không âm, nhận {steps!r}.')\n")
GUARD_6 = ("if not isinstance(batch, dict):\n"
           "    raise TypeError(f'batch phải là dict, không phải {type(batch).__name__}.')\n")
STEP_LOOP = ("w = w0.detach().clone().requires_grad_(True)\nfor _ in range(steps):\n    f(w).backward()\n"
             "    with torch.no_grad():\n        w -= lr * w.grad\n    w.grad = None\n")

WRONG_ANSWERS = {
    "1": [
        ("torch.arange keeps its default int64", "return torch.arange(n_rows * n_cols).reshape(n_rows, n_cols)",
         "cần torch.float32"),
        ("rows and columns swapped",
         "return torch.arange(n_rows * n_cols, dtype=torch.float32).reshape(n_cols, n_rows)",
         "số hàng đứng trước"),
        ("counts from 1", "return torch.arange(1, n_rows * n_cols + 1, dtype=torch.float32).reshape(n_rows, n_cols)",
         "số đầu tiên phải là 0"),
        ("fills column by column",
         "return torch.arange(n_rows * n_cols, dtype=torch.float32).reshape(n_cols, n_rows).T", "điền theo cột"),
        # NEW
        ("hard-codes the 2 x 3 example", "return torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])",
         "số hàng đứng trước"),
        ("float64, NumPy's default", "return torch.arange(n_rows * n_cols, dtype=torch.float64).reshape(n_rows, n_cols)",
         "cần torch.float32"),
        ("row index not multiplied by n_cols (right on a single row or column)",
         "return (torch.arange(n_rows).unsqueeze(1) + torch.arange(n_cols)).float()", "không lặp, không bỏ số nào"),
        ("linspace includes the end point",
         "return torch.linspace(0, n_rows * n_cols, n_rows * n_cols).reshape(n_rows, n_cols)",
         "không lặp, không bỏ số nào"),
        ("returns a NumPy array", "return np.arange(n_rows * n_cols, dtype=np.float32).reshape(n_rows, n_cols)",
         "phải trả về torch.Tensor"),
    ],
    "2": [
        ("reshape instead of permute", GUARD_2 + "n, h, w, c = images.shape\nreturn images.reshape(n, c, h, w)",
         "reshape/view chỉ chia lại dãy số"),
        ("view instead of permute", GUARD_2 + "n, h, w, c = images.shape\nreturn images.view(n, c, h, w)",
         "reshape/view chỉ chia lại dãy số"),
        ("wrong axis order (N, C, W, H)", GUARD_2 + "return images.permute(0, 3, 2, 1)", "Trục H và W đang bị đổi chỗ"),
        ("right permute but no check of the input's rank", "return images.permute(0, 3, 1, 2)",
         "nhưng lại báo RuntimeError"),
        # NEW
        ("transpose(1, 3) swaps C with W only", GUARD_2 + "return images.transpose(1, 3)",
         "Trục H và W đang bị đổi chỗ"),
        ("movedim in the wrong direction", GUARD_2 + "return images.movedim(1, 3)", "kết quả có hình dạng"),
        ("guard fits the one example (3-D input) only",
         "if images.dim() == 3:\n    raise ValueError('Cần tensor 4 chiều, nhận được 3 chiều.')\n"
         "return images.permute(0, 3, 1, 2)", "nhưng lại báo RuntimeError"),
        ("ValueError without a message", "if images.dim() != 4:\n    raise ValueError()\nreturn images.permute(0, 3, 1, 2)",
         "chưa nói rõ nguyên nhân"),
        ("English error message",
         "if images.dim() != 4:\n    raise ValueError(f'expected a 4D tensor, got {images.dim()}D')\n"
         "return images.permute(0, 3, 1, 2)", "chưa nói rõ nguyên nhân"),
        ("message always says 3 dimensions",
         "if images.dim() != 4:\n    raise ValueError('Cần tensor 4 chiều, nhưng nhận được ảnh 3 chiều (H, W, C).')\n"
         "return images.permute(0, 3, 1, 2)", "chưa nói rõ nguyên nhân"),
        ("converts to float on the way", GUARD_2 + "return images.permute(0, 3, 1, 2).float()", "giữ nguyên kiểu"),
        ("assert instead of ValueError",
         "assert images.dim() == 4, 'Cần tensor 4 chiều'\nreturn images.permute(0, 3, 1, 2)",
         "nhưng lại báo AssertionError"),
    ],
    "3": [
        ("uint8 addition wraps around", "return image + delta", "kết quả vượt 255 đã quay vòng"),
        ("clamp after the wrap-around", "return (image + delta).clamp(0, 255)", "kết quả vượt 255 đã quay vòng"),
        ("returns a wider dtype", "return (image.to(torch.int16) + delta).clamp(0, 255)",
         "phải là tensor kiểu torch.uint8"),
        ("modifies the input in place",
         "image.copy_((image.to(torch.int16) + delta).clamp(0, 255).to(torch.uint8))\nreturn image",
         "ảnh đầu vào đã bị thay đổi"),
        # NEW
        ("int8 is not wider than uint8", "return (image.to(torch.int8) + delta).clamp(0, 255).to(torch.uint8)",
         "Kiểu int8 chỉ chứa"),
        ("clamps only the upper bound (right for positive delta)",
         "return (image.to(torch.int16) + delta).clamp(max=255).to(torch.uint8)", "kết quả âm đã quay vòng"),
        ("saturation trick that only handles positive delta",
         "return torch.where(image > 255 - delta, 255, image + delta).to(torch.uint8)", "kết quả âm đã quay vòng"),
        ("int32 result, no conversion back", "return torch.clamp(image.int() + delta, 0, 255)",
         "phải là tensor kiểu torch.uint8"),
        ("writes the result back into the caller's image",
         "image[:] = (image.to(torch.int16) + delta).clamp(0, 255)\nreturn image", "ảnh đầu vào đã bị thay đổi"),
    ],
    "4": [
        ("backward called twice: gradients accumulate",
         GUARD_4 + "value.backward(retain_graph=True)\nvalue.backward()\nreturn w.grad.detach()",
         "có phải bạn gọi backward() hai lần"),
        ("the hand formula of the worked example (2w)", "return 2 * w", "bài không cho công thức đạo hàm"),
        ("returns the gradient still attached to a graph",
         GUARD_4 + "(grad,) = torch.autograd.grad(value, w, create_graph=True)\nreturn grad", "vẫn gắn với đồ thị"),
        ("sums a non-scalar output instead of refusing it",
         "w = w.detach().clone().requires_grad_(True)\nf(w).sum().backward()\nreturn w.grad",
         "thay vì âm thầm trả về"),
        # NEW
        ("turns on requires_grad on the caller's tensor", "w.requires_grad_(True)\nf(w).backward()\nreturn w.grad.detach()",
         "bật requires_grad trên chính w"),
        ("clone without detach: .grad lands on the caller's tensor",
         "w = w.clone().requires_grad_(True)\nf(w).backward()\nreturn w.grad", "hàm trả về None"),
        ("central differences instead of autograd",
         "w = w.detach()\ngrad = torch.zeros_like(w)\nfor i in range(w.numel()):\n    step = torch.zeros_like(w)\n"
         "    step.view(-1)[i] = 1e-6\n    grad.view(-1)[i] = (f(w + step) - f(w - step)) / 2e-6\nreturn grad",
         "f được gọi"),
        ("guard fits a vector output only",
         "w = w.detach().clone().requires_grad_(True)\nvalue = f(w)\nif value.dim() == 1:\n"
         "    raise ValueError('f(w) phải là số vô hướng.')\nvalue.backward()\nreturn w.grad",
         "nhưng lại báo RuntimeError"),
        ("English error message",
         "w = w.detach().clone().requires_grad_(True)\nvalue = f(w)\nif value.dim() != 0:\n"
         "    raise ValueError('f must return a scalar')\nvalue.backward()\nreturn w.grad",
         "chưa nói rõ nguyên nhân"),
        ("computes in float32", "w = w.detach().float().requires_grad_(True)\nf(w).backward()\nreturn w.grad",
         "như w; nhận"),
        ("borrows the caller's tensor and 'cleans up' afterwards, wiping its .grad",
         "w.requires_grad_(True)\nw.grad = None\nf(w).backward()\ngrad = w.grad.detach().clone()\nw.grad = None\n"
         "w.requires_grad_(False)\nreturn grad", ".grad có sẵn của w của người gọi đã bị thay đổi"),
        ("forgets requires_grad on the copy", "w = w.detach().clone()\nf(w).backward()\nreturn w.grad",
         "Hãy bật requires_grad_(True)"),
    ],
    "5": [
        # NEW (the question is new)
        ("never resets .grad: gradients accumulate across steps",
         GUARD_5 + "w = w0.detach().clone().requires_grad_(True)\nfor _ in range(steps):\n    f(w).backward()\n"
         "    with torch.no_grad():\n        w -= lr * w.grad\nreturn w.detach()", ".grad đang cộng dồn"),
        ("updates outside torch.no_grad()",
         GUARD_5 + "w = w0.detach().clone().requires_grad_(True)\nfor _ in range(steps):\n    f(w).backward()\n"
         "    w -= lr * w.grad\n    w.grad = None\nreturn w.detach()", "bên trong with torch.no_grad()"),
        ("w = w - lr * w.grad outside no_grad: w stops being a leaf",
         GUARD_5 + "w = w0.detach().clone().requires_grad_(True)\nfor _ in range(steps):\n    f(w).backward()\n"
         "    w = w - lr * w.grad\nreturn w.detach()", "w.grad là None"),
        ("w = w - lr * w.grad inside no_grad: the new w needs no gradient",
         GUARD_5 + "w = w0.detach().clone().requires_grad_(True)\nfor _ in range(steps):\n    f(w).backward()\n"
         "    with torch.no_grad():\n        w = w - lr * w.grad\nreturn w.detach()", "không còn cần gradient"),
        ("gradient ascent", GUARD_5 + STEP_LOOP.replace("w -= lr", "w += lr") + "return w.detach()", "w đi ngược hướng"),
        ("one step too many", GUARD_5 + STEP_LOOP.replace("range(steps)", "range(steps + 1)") + "return w.detach()",
         "số bước lệch một"),
        ("one step too few", GUARD_5 + STEP_LOOP.replace("range(steps)", "range(steps - 1)") + "return w.detach()",
         "số bước lệch một"),
        ("ignores lr (fixed step 0.1)", GUARD_5 + STEP_LOOP.replace("w -= lr", "w -= 0.1") + "return w.detach()",
         "kiểm tra hệ số lr"),
        ("works on the caller's w0", GUARD_5 + STEP_LOOP.replace("w0.detach().clone()", "w0") + "return w.detach()",
         "w0 của người gọi đã bị thay đổi"),
        ("returns w still requiring grad", GUARD_5 + STEP_LOOP + "return w", "w trả về vẫn cần gradient"),
        ("clone without detach (w0 that requires grad gives a non-leaf copy)",
         GUARD_5 + STEP_LOOP.replace("w0.detach().clone()", "w0.clone()") + "return w.detach()", "w.grad là None"),
        ("zeroes .grad before the first backward",
         GUARD_5 + "w = w0.detach().clone().requires_grad_(True)\nfor _ in range(steps):\n    w.grad.zero_()\n"
         "    f(w).backward()\n    with torch.no_grad():\n        w -= lr * w.grad\nreturn w.detach()",
         "w.grad là None"),
        ("computes the gradient once, before the loop",
         GUARD_5 + "w = w0.detach().clone().requires_grad_(True)\nf(w).backward()\ng = w.grad.clone()\nw = w.detach()\n"
         "for _ in range(steps):\n    w = w - lr * g\nreturn w", "tính lại tại giá trị hiện tại"),
        ("guard only for negative steps",
         "if steps < 0:\n    raise ValueError('Số bước phải không âm.')\n" + STEP_LOOP + "return w.detach()",
         "nhưng lại báo TypeError"),
        ("no guard: negative steps silently return w0", STEP_LOOP + "return w.detach()", "thay vì âm thầm"),
    ],
    "6": [
        ("ignores the value returned by .to()",
         GUARD_6 + "for value in batch.values():\n    if isinstance(value, torch.Tensor):\n        value.to(device)\n"
         "return batch", "không ở thiết bị meta"),
        ("moves only x", GUARD_6 + "out = dict(batch)\nout['x'] = batch['x'].to(device)\nreturn out",
         "không ở thiết bị meta"),
        ("modifies the input dict",
         GUARD_6 + "for key, value in batch.items():\n    if isinstance(value, torch.Tensor):\n"
         "        batch[key] = value.to(device)\nreturn batch", "dict đầu vào đã bị thay đổi"),
        ("drops non-tensor entries",
         GUARD_6 + "return {k: v.to(device) for k, v in batch.items() if isinstance(v, torch.Tensor)}",
         "dict trả về có các khóa"),
        # NEW
        ("pairs sorted keys with values in insertion order",
         GUARD_6 + "values = [v.to(device) if isinstance(v, torch.Tensor) else v for v in batch.values()]\n"
         "return dict(zip(sorted(batch), values))", "không phải tensor của khóa"),
        ("turns numbers into tensors too",
         GUARD_6 + "return {k: (torch.as_tensor(v).to(device) if isinstance(v, (torch.Tensor, int, float)) else v)\n"
         "        for k, v in batch.items()}", "đừng đổi nó thành tensor"),
        ("no type check", "return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}",
         "nhưng lại báo AttributeError"),
        ("type check fits a list only",
         "if isinstance(batch, list):\n    raise TypeError('batch phải là dict, không phải list.')\n"
         "return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}",
         "phải báo TypeError"),
        ("error message without the type received",
         "if not isinstance(batch, dict):\n    raise TypeError('batch phải là một dict.')\n"
         "return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}",
         "chưa nói rõ nguyên nhân"),
    ],
}

CORRECT_ANSWERS = {
    "1": [
        (".float() then view", "return torch.arange(n_rows * n_cols).float().view(n_rows, n_cols)"),
        ("nested list comprehension",
         "return torch.tensor([[float(r * n_cols + c) for c in range(n_cols)] for r in range(n_rows)])"),
        ("broadcasting row and column indices",
         "return (torch.arange(n_rows).unsqueeze(1) * n_cols + torch.arange(n_cols)).to(torch.float32)"),
        ("from NumPy", "return torch.from_numpy(np.arange(n_rows * n_cols).reshape(n_rows, n_cols)).float()"),
        ("fills a zero tensor in a loop",
         "grid = torch.zeros(n_rows, n_cols)\nfor i in range(n_rows * n_cols):\n    grid[i // n_cols, i % n_cols] = i\n"
         "return grid"),
    ],
    "2": [
        ("movedim", GUARD_2 + "return images.movedim(-1, 1)"),
        ("einsum", GUARD_2 + "return torch.einsum('nhwc->nchw', images)"),
        ("two transposes", GUARD_2 + "return images.transpose(1, 3).transpose(2, 3)"),
        ("len(shape) guard, contiguous copy",
         "if len(images.shape) != 4:\n"
         "    raise ValueError(f'to_channels_first cần đầu vào 4 chiều; đầu vào có {len(images.shape)} chiều')\n"
         "return images.permute(0, 3, 1, 2).contiguous()"),
    ],
    "3": [
        ("float32 then clamp", "return (image.float() + delta).clamp(0, 255).to(torch.uint8)"),
        ("in-place ops on an int32 copy",
         "out = image.to(torch.int32)\nout += delta\nout.clamp_(0, 255)\nreturn out.to(torch.uint8)"),
        ("torch.clamp with min/max and .byte()", "return torch.clamp(image.long() + delta, min=0, max=255).byte()"),
        ("NumPy clip", "return torch.from_numpy(np.clip(image.numpy().astype(np.int32) + delta, 0, 255).astype(np.uint8))"),
        ("torch.where on both bounds",
         "wide = image.to(torch.int16) + delta\nwide = torch.where(wide > 255, 255, wide)\n"
         "wide = torch.where(wide < 0, 0, wide)\nreturn wide.to(torch.uint8)"),
    ],
    "4": [
        ("torch.autograd.grad", GUARD_4 + "(grad,) = torch.autograd.grad(value, w)\nreturn grad"),
        ("numel check and .grad without detach",
         "w = w.detach().clone().requires_grad_(True)\nvalue = f(w)\nif value.numel() != 1:\n"
         "    raise ValueError(f'Cần f(w) vô hướng, nhận hình dạng {tuple(value.shape)}')\nvalue.backward()\nreturn w.grad"),
        ("detach without clone",
         "w = w.detach().requires_grad_(True)\nvalue = f(w)\nif value.dim() != 0:\n"
         "    raise ValueError('f(w) không phải số vô hướng')\nvalue.backward()\nreturn w.grad"),
        ("torch.func.grad (calls f twice)",
         "value = f(w.detach())\nif value.dim() != 0:\n    raise ValueError('f(w) không phải số vô hướng.')\n"
         "return torch.func.grad(f)(w.detach())"),
    ],
    "5": [
        ("zero_() after each update", GUARD_5 + STEP_LOOP.replace("w.grad = None", "w.grad.zero_()") + "return w.detach()"),
        ("torch.optim.SGD",
         GUARD_5 + "w = w0.detach().clone().requires_grad_(True)\noptimizer = torch.optim.SGD([w], lr=lr)\n"
         "for _ in range(steps):\n    optimizer.zero_grad()\n    f(w).backward()\n    optimizer.step()\nreturn w.detach()"),
        ("reuses gradient() from question 4",
         GUARD_5 + "w = w0.detach().clone()\nfor _ in range(steps):\n    w = w - lr * gradient(f, w)\nreturn w"),
        ("torch.autograd.grad and a fresh leaf each step",
         GUARD_5 + "w = w0.detach().clone()\nfor _ in range(steps):\n    w.requires_grad_(True)\n"
         "    (g,) = torch.autograd.grad(f(w), w)\n    w = (w - lr * g).detach()\nreturn w"),
        ("while loop, new tensor in no_grad, other guard",
         "if steps < 0 or int(steps) != steps:\n    raise ValueError(f'số bước không hợp lệ: {steps}')\n"
         "w = w0.detach().clone()\ndone = 0\nwhile done < steps:\n    w.requires_grad_(True)\n    f(w).backward()\n"
         "    with torch.no_grad():\n        w = w - lr * w.grad\n    done += 1\nreturn w"),
    ],
    "6": [
        ("loop into a new dict, torch.is_tensor",
         "if not isinstance(batch, dict):\n    raise TypeError('cần dict, nhận ' + type(batch).__name__)\n"
         "out = {}\nfor key in batch:\n    value = batch[key]\n    out[key] = value.to(device) if torch.is_tensor(value) else value\n"
         "return out"),
        ("copy then overwrite",
         GUARD_6 + "out = batch.copy()\nfor key, value in out.items():\n    if isinstance(value, torch.Tensor):\n"
         "        out[key] = value.to(device)\nreturn out"),
        ("dict() plus update, __class__ in the message",
         "if not isinstance(batch, dict):\n"
         "    raise TypeError(f'Cần dict nhưng batch có kiểu {batch.__class__.__name__}')\n"
         "out = dict(batch)\nout.update({k: v.to(device) for k, v in batch.items() if isinstance(v, torch.Tensor)})\n"
         "return out"),
    ],
}
